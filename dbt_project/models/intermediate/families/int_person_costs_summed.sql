{#- A person's cost per fiscal year and area (families.md): the sum of their cost postings. -#}
select
    cpr,
    fiscal_year,
    area,
    sum(amount_dkk) as cost_dkk,
    count(*) as n_postings
from {{ ref('int_person_cost_postings_selected') }}
group by cpr, fiscal_year, area
