with source as (
    select * from {{ source('folkeregister', 'address_history') }}
),

renamed as (
    select
        cpr,
        -- ANNKOR: blank -> null; `K` corrected, `Æ` technical (both used). `A` never arrives.
        nullif(trim(correction_code), '') as correction_code,
        municipality_code,
        road_code,
        {{ normalise_address_part('house_number') }} as house_number,
        {{ normalise_address_part('floor') }} as floor,
        {{ normalise_address_part('door') }} as door,
        {{ date_part_of('moved_in_at') }} as moved_in_date,
        coalesce(moved_in_uncertain, false) as is_moved_in_uncertain,
        {{ date_part_of('moved_out_at') }} as moved_out_date,
        coalesce(moved_out_uncertain, false) as is_moved_out_uncertain,
        source_file,
        source_line
    from source
)

select * from renamed
