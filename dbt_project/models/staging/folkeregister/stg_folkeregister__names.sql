with source as (
    select * from {{ source('folkeregister', 'names') }}
),

renamed as (
    select
        cpr,
        trim(first_names) as first_names,
        trim(last_name) as last_name,
        source_file,
        source_line
    from source
)

select * from renamed
