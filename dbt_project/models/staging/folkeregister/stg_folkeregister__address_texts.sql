with source as (
    select * from {{ source('folkeregister', 'address_texts') }}
),

renamed as (
    select
        cpr,
        trim(standard_address) as standard_address,
        postal_code,
        trim(postal_district) as postal_district,
        source_file,
        source_line
    from source
)

select * from renamed
