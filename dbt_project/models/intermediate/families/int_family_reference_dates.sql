{#- One rule (families.md): a family's composition for fiscal year Y is taken on
    min(as_of, 31 December Y) — the fiscal year's cut-off (int_fiscal_years_listed). Families
    are built for as_of's year and the years before it with postings, at most `family_years`
    (var, default 5: the economy extract's years) — every year costs a whole population. -#}
select
    fiscal_year,
    cutoff_date as reference_date,
    is_current
from {{ ref('int_fiscal_years_listed') }}
where fiscal_year > extract(year from {{ as_of_date() }}) - {{ var('family_years', 5) | int }}
