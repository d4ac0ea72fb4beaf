{#- One rule (families.md): a family's composition for fiscal year Y is taken on
    min(as_of, 31 December Y). One row per fiscal year with postings up to as_of's year, and
    always as_of's own year, so the current families exist even before the first posting. -#}
with fiscal_years as (
    select distinct fiscal_year
    from {{ ref('stg_economy__postings') }}
    where fiscal_year <= extract(year from {{ as_of_date() }})
    union
    select {{ dbt.cast('extract(year from ' ~ as_of_date() ~ ')', api.Column.translate_type('integer')) }}
)

select
    {{ dbt.cast('fiscal_year', api.Column.translate_type('integer')) }} as fiscal_year,
    least(
        {{ as_of_date() }},
        {{ dbt.cast("cast(fiscal_year as " ~ dbt.type_string() ~ ") || '-12-31'", api.Column.translate_type('date')) }}
    ) as reference_date,
    fiscal_year = extract(year from {{ as_of_date() }}) as is_current
from fiscal_years
