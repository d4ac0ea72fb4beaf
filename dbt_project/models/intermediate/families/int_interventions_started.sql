{#- One rule (families.md, intervention effect): an intervention is a case's first grant row
    (earliest start_date, then the lowest grant_id) — later rows of the same case are new
    prices, not new interventions — with its benefit type and legal basis. It is followed up
    when both its 12 months before (start month − 12 .. − 1) and its 12 months after (start
    month .. + 11) lie within the postings' fiscal years and before month(as_of). -#}
with grant_rows as (
    select
        *,
        row_number() over (partition by case_id order by start_date, grant_id) as row_order
    from {{ ref('stg_cases__grants') }}
    where start_date is not null and cpr is not null
),

first_rows as (
    select * from grant_rows where row_order = 1
),

data_range as (
    select
        {{ dbt.cast("cast(min(fiscal_year) as " ~ dbt.type_string() ~ ") || '-01-01'", api.Column.translate_type('date')) }}
            as first_month_start_date,
        {{ month_start(as_of_date()) }} as as_of_month_start_date
    from {{ ref('int_family_reference_dates') }}
)

select
    first_rows.case_id,
    first_rows.grant_id,
    first_rows.cpr,
    first_rows.area,
    first_rows.benefit_type_code,
    first_rows.benefit_type_name,
    first_rows.legal_basis,
    first_rows.start_date,
    {{ dbt.cast('extract(year from first_rows.start_date)', api.Column.translate_type('integer')) }} as fiscal_year,
    {{ month_start('first_rows.start_date') }} as start_month_start_date
from first_rows
cross join data_range
where {{ add_months(month_start('first_rows.start_date'), -12) }} >= data_range.first_month_start_date
  and {{ add_months(month_start('first_rows.start_date'), 11) }} < data_range.as_of_month_start_date
