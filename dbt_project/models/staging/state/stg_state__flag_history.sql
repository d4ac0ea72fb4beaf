with source as (
    select * from {{ source('state', 'flag_history') }}
),

renamed as (
    select
        flag_id,
        check_code,
        cast(first_seen_date as date) as first_seen_date,
        cast(last_seen_date as date) as last_seen_date
    from source
)

select * from renamed
