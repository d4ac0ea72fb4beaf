with source as (
    select * from {{ source('cases', 'pensions') }}
),

renamed as (
    select
        cpr,
        pension_type,
        awarded_date,
        awarding_municipality_code,
        paying_municipality_code,
        municipal_share_per_month as municipal_share_per_month_dkk,
        status as pension_status,
        end_date,
        source_file,
        source_line
    from source
)

select * from renamed
