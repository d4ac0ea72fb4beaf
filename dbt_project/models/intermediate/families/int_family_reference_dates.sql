{#- One rule (families.md): a family's composition for fiscal year Y is taken on
    min(as_of, 31 December Y) — the fiscal year's cut-off (int_fiscal_years_listed). -#}
select
    fiscal_year,
    cutoff_date as reference_date,
    is_current
from {{ ref('int_fiscal_years_listed') }}
