with source as (
    select * from {{ source('folkeregister', 'children') }}
),

renamed as (
    select
        cpr as parent_cpr,
        child_cpr,
        source_file,
        source_line
    from source
)

select * from renamed
