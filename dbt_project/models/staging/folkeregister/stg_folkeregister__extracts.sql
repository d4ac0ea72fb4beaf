with source as (
    select * from {{ source('folkeregister', 'extracts') }}
),

renamed as (
    select
        source_file,
        production_date,
        previous_production_date,
        declared_count,
        records_read,
        records_skipped,
        record_002_variant,
        source_line
    from source
)

select * from renamed
