with source as (
    select * from {{ source('folkeregister', 'parents') }}
),

renamed as (
    select
        cpr,
        nullif(trim(mother_cpr), '') as mother_cpr,
        mother_valid_from as mother_valid_from_date,
        nullif(trim(father_cpr), '') as father_cpr,
        father_valid_from as father_valid_from_date,
        source_file,
        source_line
    from source
)

select * from renamed
