with source as (
    select * from {{ source('folkeregister', 'civil_status_history') }}
),

renamed as (
    select
        cpr,
        nullif(trim(correction_code), '') as correction_code,
        civil_status_code,
        nullif(trim(spouse_cpr), '') as spouse_cpr,
        {{ date_part_of('valid_from_at') }} as valid_from_date,
        coalesce(valid_from_uncertain, false) as is_valid_from_uncertain,
        {{ date_part_of('valid_to_at') }} as valid_to_date,
        coalesce(valid_to_uncertain, false) as is_valid_to_uncertain,
        source_file,
        source_line
    from source
)

select * from renamed
