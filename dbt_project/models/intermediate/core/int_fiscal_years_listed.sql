{#- One rule: the fiscal years the warehouse reports on — every fiscal year with postings up to
    as_of's year, and always as_of's own year — with their first and last day and the cut-off
    of each: min(as_of, 31 December), the day a year's families are taken on (families.md;
    spending books by as_of itself). The fiscal year is the calendar year. -#}
with fiscal_years as (
    select distinct {{ dbt.cast('fiscal_year', api.Column.translate_type('integer')) }} as fiscal_year
    from {{ ref('stg_economy__postings') }}
    where fiscal_year <= extract(year from {{ as_of_date() }})
    union
    select {{ dbt.cast('extract(year from ' ~ as_of_date() ~ ')', api.Column.translate_type('integer')) }}
),

bounds as (
    select
        fiscal_year,
        {{ dbt.cast("cast(fiscal_year as " ~ dbt.type_string() ~ ") || '-01-01'", api.Column.translate_type('date')) }}
            as first_date,
        {{ dbt.cast("cast(fiscal_year as " ~ dbt.type_string() ~ ") || '-12-31'", api.Column.translate_type('date')) }}
            as last_date
    from fiscal_years
)

select
    fiscal_year,
    first_date,
    last_date,
    least({{ as_of_date() }}, last_date) as cutoff_date,
    fiscal_year = extract(year from {{ as_of_date() }}) as is_current
from bounds
