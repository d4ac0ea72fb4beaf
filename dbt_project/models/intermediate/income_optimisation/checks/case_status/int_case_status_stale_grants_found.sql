{#- One rule (checks.md §5 CASE_STATUS, sub-rule 2): a grant open on as_of (start ≤ as_of, end
    empty or ≥ as_of, price_unit ≠ once) that we pay (paying_municipality_code = ours), started
    on or before the first day of month(as_of) − `stale_grant_months` (setting, 3) and has a
    monthly cost > 0, is stale when it has no expense (postings matched to grants as §2 says,
    dranst 1 without income from others, net per month) in any of the last `stale_grant_months`
    complete months. A month has expense when its net expense on the grant, rounded to øre, is
    positive (a payment booked and reversed is none). One row per stale grant. -#}
{%- set stale_months = income_optimisation_setting('stale_grant_months', 'integer') -%}
with grants as (
    select grant_id, case_id, cpr, area, start_date, end_date, paying_municipality_code
    from {{ ref('stg_cases__grants') }}
    where price_unit <> 'once'
      and start_date <= {{ as_of_date() }}
      and (end_date is null or end_date >= {{ as_of_date() }})
      and paying_municipality_code = {{ our_municipality_code() }}
      and start_date <= {{ add_months(month_start(as_of_date()), '-' ~ stale_months) }}
),

monthly_costs as (
    select grant_id, monthly_cost
    from {{ ref('int_grants_monthly_costed') }}
    where monthly_cost > 0
),

stale_window_months as (
    select month_start_date
    from {{ ref('int_months_spined') }}
    where months_before_as_of <= {{ stale_months }}
),

grant_months_with_expense as (
    select allocated.grant_id, allocated.month_start_date
    from {{ ref('int_postings_months_allocated') }} as allocated
    inner join stale_window_months
        on stale_window_months.month_start_date = allocated.month_start_date
    where allocated.is_expense
      and allocated.grant_id is not null
    group by allocated.grant_id, allocated.month_start_date
    having {{ round_ore('sum(allocated.amount_dkk)') }} > 0
)

select
    grants.grant_id,
    grants.case_id,
    grants.cpr,
    grants.area,
    grants.start_date,
    grants.end_date,
    grants.paying_municipality_code,
    monthly_costs.monthly_cost,
    (select min(month_start_date) from stale_window_months) as stale_from_month_start_date,
    (select max(month_start_date) from stale_window_months) as stale_to_month_start_date
from grants
inner join monthly_costs on monthly_costs.grant_id = grants.grant_id
where not exists (
    select 1
    from grant_months_with_expense
    where grant_months_with_expense.grant_id = grants.grant_id
)
