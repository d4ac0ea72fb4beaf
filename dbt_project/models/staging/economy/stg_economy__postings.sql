with source as (
    select * from {{ source('economy', 'postings') }}
),

renamed as (
    select
        posting_id,
        posting_date,
        fiscal_year,
        function_code,
        dranst,
        "grouping" as grouping_code,
        art,
        cost_center,
        amount,
        nullif(trim(cpr), '') as cpr,
        nullif(trim(case_ref), '') as case_ref,
        nullif(trim(counterparty_municipality_code), '') as counterparty_municipality_code,
        service_period_start as service_period_start_date,
        service_period_end as service_period_end_date,
        text as posting_text,
        source_file,
        source_line
    from source
)

select * from renamed
