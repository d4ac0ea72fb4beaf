with source as (
    select * from {{ source('economy', 'budgets') }}
),

renamed as (
    select
        fiscal_year,
        function_code,
        corrected_budget as corrected_budget_dkk,
        source_file,
        source_line
    from source
)

select * from renamed
