with source as (
    select * from {{ source('folkeregister', 'current_addresses') }}
),

renamed as (
    select
        cpr,
        municipality_code,
        road_code,
        {{ normalise_address_part('house_number') }} as house_number,
        {{ normalise_address_part('floor') }} as floor,
        {{ normalise_address_part('door') }} as door,
        {{ date_part_of('moved_in_at') }} as moved_in_date,
        coalesce(moved_in_uncertain, false) as is_moved_in_uncertain,
        {{ date_part_of('moved_to_municipality_at') }} as moved_to_municipality_date,
        coalesce(moved_to_municipality_uncertain, false) as is_moved_to_municipality_uncertain,
        previous_municipality_code,
        {{ date_part_of('left_previous_municipality_at') }} as left_previous_municipality_date,
        source_file,
        source_line
    from source
)

select * from renamed
