with source as (
    select * from {{ source('cases', 'pupils') }}
),

renamed as (
    select
        cpr,
        school_id,
        school_name,
        school_municipality_code,
        enrolment_type,
        start_date,
        end_date,
        source_file,
        source_line
    from source
)

select * from renamed
