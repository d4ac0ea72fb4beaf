with source as (
    select * from {{ source('state', 'flag_history') }}
),

renamed as (
    select
        flag_id,
        check_code,
        check_name,
        variant,
        area,
        priority,
        person_key,
        case_id,
        grant_id,
        our_municipality_code,
        registered_municipality_code,
        counterparty_municipality_code,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(potential_amount_dkk as decimal(18, 2)) as potential_amount_dkk,
        cast(lost_amount_dkk as decimal(18, 2)) as lost_amount_dkk,
        evidence,
        cast(first_seen_date as date) as first_seen_date,
        cast(last_seen_date as date) as last_seen_date,
        cast(as_of as date) as as_of,
        cast(last_raised_as_of as date) as last_raised_as_of
    from source
)

select * from renamed
