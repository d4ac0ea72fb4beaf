{#- One rule (spending.md, data quality): udisponeret forbrug — expense postings (dranst 1,
    income from others left out) on the specialised social area's functions (main functions
    5.28 children and 5.38 adults) with a CPR but no grant (checks.md §2 matching found none):
    spending the forecast cannot see. -#}
{%- set social_main_functions = ['5.28', '5.38'] -%}
select
    postings.posting_id,
    postings.posting_date,
    postings.fiscal_year,
    postings.function_code,
    postings.cpr,
    postings.amount as amount_dkk
from {{ ref('stg_economy__postings') }} as postings
left join {{ ref('int_postings_grants_matched') }} as matches on matches.posting_id = postings.posting_id
where postings.cpr is not null
  and postings.dranst = 1
  and {{ is_not_income_from_others('postings.art') }}
  and substr(postings.function_code, 1, 4) in ('{{ social_main_functions | join("', '") }}')
  and matches.grant_id is null
