with source as (
    select * from {{ source('folkeregister', 'civil_status') }}
),

renamed as (
    select
        cpr,
        civil_status_code,
        nullif(trim(spouse_cpr), '') as spouse_cpr,
        {{ date_part_of('valid_from_at') }} as valid_from_date,
        coalesce(valid_from_uncertain, false) as is_valid_from_uncertain,
        source_file,
        source_line
    from source
)

select * from renamed
