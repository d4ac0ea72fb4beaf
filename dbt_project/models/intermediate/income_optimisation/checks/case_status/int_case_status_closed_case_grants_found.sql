{#- One rule (checks.md §5 CASE_STATUS, sub-rule 1): a case is closed (case_status `closed`,
    closing date on or before as_of) while one of its grants has no end date or an end date after
    the closing date. `once` grants are left out. Amount: monthly cost × min(12, n) (n = forward
    months the grant still covers, §2) when the grant is still open on as_of, else 0; a grant
    without a monthly cost (hourly without hours per week) counts 0. One row per grant. -#}
with grants as (
    select
        grant_id, case_id, cpr, area, start_date, end_date, price_unit,
        paying_municipality_code, case_closed_date
    from {{ ref('stg_cases__grants') }}
    where case_status = 'closed'
      and case_closed_date is not null
      and case_closed_date <= {{ as_of_date() }}
      and price_unit <> 'once'
      and (end_date is null or end_date > case_closed_date)
),

monthly_costs as (
    select grant_id, monthly_cost
    from {{ ref('int_grants_monthly_costed') }}
),

judged as (
    select
        grants.*,
        coalesce(monthly_costs.monthly_cost, 0) as monthly_cost,
        grants.start_date <= {{ as_of_date() }}
            and (grants.end_date is null or grants.end_date >= {{ as_of_date() }}) as is_open_on_as_of,
        {{ forward_month_count('grants.end_date') }} as forward_month_count
    from grants
    left join monthly_costs on monthly_costs.grant_id = grants.grant_id
)

select
    grant_id,
    case_id,
    cpr,
    area,
    start_date,
    end_date,
    case_closed_date,
    paying_municipality_code,
    monthly_cost,
    is_open_on_as_of,
    case when is_open_on_as_of then forward_month_count else 0 end as forward_month_count,
    -- the forward line is a flag line of its own: rounded to øre here, once (checks.md §2)
    {{ round_ore('case when is_open_on_as_of then monthly_cost * forward_month_count else 0 end') }} as forward_amount_dkk
from judged
