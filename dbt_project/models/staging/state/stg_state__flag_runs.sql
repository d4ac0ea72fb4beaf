with source as (
    select * from {{ source('state', 'flag_runs') }}
),

renamed as (
    select
        flag_id,
        cast(as_of as date) as as_of,
        cast(potential_amount_dkk as decimal(18, 2)) as potential_amount_dkk,
        cast(lost_amount_dkk as decimal(18, 2)) as lost_amount_dkk
    from source
)

select * from renamed
