with source as (
    select * from {{ source('cases', 'providers') }}
),

renamed as (
    select
        provider_id,
        name as provider_name,
        provider_type,
        municipality_code,
        nullif(trim(road_code), '') as road_code,
        {{ normalise_address_part('house_number') }} as house_number,
        coalesce(residential, false) as is_residential,
        source_file,
        source_line
    from source
)

select * from renamed
