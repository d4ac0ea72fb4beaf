with source as (
    select * from {{ source('state', 'decisions') }}
),

renamed as (
    select
        flag_id,
        status,
        cast(recovered_amount_dkk as decimal(18, 2)) as recovered_amount_dkk,
        cast(decided_date as date) as decided_date
    from source
)

select * from renamed
