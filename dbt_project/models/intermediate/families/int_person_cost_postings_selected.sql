{#- One rule (families.md): a person's cost is their registrantbogført postings (the CPR as
    booked) in dranst 1, expenses minus income, leaving out refunds from others — the state,
    municipalities and regions (arts 7.6/7.7/7.8, the same as checks.md §2's expense) — on the
    posting's fiscal_year. Each posting keeps its function's area and the grant it belongs to
    (checks.md §2 matching). -#}
with postings as (
    select * from {{ ref('stg_economy__postings') }}
    where cpr is not null
      and dranst = 1
      and {{ is_not_income_from_others('art') }}
)

select
    postings.posting_id,
    postings.cpr,
    {{ dbt.cast('postings.fiscal_year', api.Column.translate_type('integer')) }} as fiscal_year,
    postings.function_code,
    coalesce(areas.area, 'other') as area,
    postings.amount as amount_dkk,
    matches.grant_id
from postings
left join {{ ref('int_functions_area_mapped') }} as areas
    on areas.function_code = postings.function_code
left join {{ ref('int_postings_grants_matched') }} as matches
    on matches.posting_id = postings.posting_id
