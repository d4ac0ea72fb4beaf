with source as (
    select * from {{ source('folkeregister', 'persons') }}
),

renamed as (
    select
        cpr,
        nullif(trim(current_cpr), '') as current_cpr,
        status_code,
        {{ date_part_of('status_start_at') }} as status_start_date,
        status_start_at,
        coalesce(status_start_uncertain, false) as is_status_start_uncertain,
        sex,
        birth_date,
        coalesce(birth_date_uncertain, false) as is_birth_date_uncertain,
        source_file,
        source_line
    from source
)

select * from renamed
