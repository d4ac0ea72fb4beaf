with source as (
    select * from {{ source('cases', 'grants') }}
),

renamed as (
    select
        grant_id,
        case_id,
        nullif(trim(cpr), '') as cpr,
        area,
        legal_basis,
        benefit_type_code,
        benefit_type_name,
        nullif(trim(provider_id), '') as provider_id,
        function_code,
        start_date,
        end_date,
        price,
        price_unit,
        hours_per_week,
        acting_municipality_code,
        paying_municipality_code,
        nullif(trim(placed_by_municipality_code), '') as placed_by_municipality_code,
        case_status,
        case_closed_date,
        caseworker_id,
        department,
        source_file,
        source_line
    from source
)

select * from renamed
