{#- One rule (checks.md §1 open, §4 BLOCK_GRANT area): every grant open on as_of (start_date ≤
    as_of, end_date empty or ≥ as_of, price_unit ≠ once), any area, ranked per person by monthly
    cost (highest first; unknown cost last; ties → lowest grant_id). Rank 1 gives a BLOCK_GRANT
    flag its area. -#}
with grants as (
    select
        grants.grant_id,
        grants.case_id,
        grants.cpr,
        grants.area,
        grants.start_date,
        grants.end_date,
        monthly_costs.monthly_cost
    from {{ ref('stg_cases__grants') }} as grants
    left join {{ ref('int_grants_monthly_costed') }} as monthly_costs
        on monthly_costs.grant_id = grants.grant_id
    where grants.cpr is not null
      and grants.price_unit <> 'once'
      and grants.start_date <= {{ as_of_date() }}
      and (grants.end_date is null or grants.end_date >= {{ as_of_date() }})
)

select
    grant_id,
    case_id,
    cpr,
    area,
    start_date,
    end_date,
    monthly_cost,
    row_number() over (
        partition by cpr
        order by monthly_cost desc nulls last, grant_id
    ) as cost_rank
from grants
