{#- One rule (spending.md, at the cut-off T = as_of): per grant and fiscal year Y,
      booked_Y(g)     = its booked expense of Y (int_spending_postings_booked);
      remaining_Y(g)  = max(0, cost_Y(g) − the part of booked_Y(g) whose service period lies in
                        Y), cost_Y(g) being the cost over its active days (int_grants_yearly_costed):
                        a month paid in advance is never counted twice, an invoice in arrears for
                        days before T is not forgotten, an overpaid grant adds nothing;
                        0 for a completed year (Y < year(T));
      expected_Y(g)   = booked_Y(g) + remaining_Y(g).
    A grant with postings but no active day in the year (ended, paid by another municipality,
    the person dead) keeps its booked amount and has no remaining. -#}
with costs as (
    select grant_id, fiscal_year, days_in_year, cost_year_dkk
    from {{ ref('int_grants_yearly_costed') }}
),

booked as (
    select
        grant_id,
        fiscal_year,
        sum(booked_dkk) as booked_dkk,
        {{ round_ore('sum(booked_in_year_dkk)') }} as booked_in_year_dkk
    from {{ ref('int_spending_postings_booked') }}
    where grant_id is not null
    group by grant_id, fiscal_year
),

grant_years as (
    select grant_id, fiscal_year from costs
    union
    select grant_id, fiscal_year from booked
),

amounts as (
    select
        grant_years.grant_id,
        grant_years.fiscal_year,
        coalesce(costs.days_in_year, 0) as active_days,
        coalesce(costs.cost_year_dkk, 0) as cost_year_dkk,
        coalesce(booked.booked_dkk, 0) as booked_dkk,
        coalesce(booked.booked_in_year_dkk, 0) as booked_in_year_dkk,
        grant_years.fiscal_year >= extract(year from {{ as_of_date() }}) as is_open_year
    from grant_years
    left join costs on costs.grant_id = grant_years.grant_id and costs.fiscal_year = grant_years.fiscal_year
    left join booked on booked.grant_id = grant_years.grant_id and booked.fiscal_year = grant_years.fiscal_year
),

remaining as (
    select
        *,
        case
            when is_open_year and cost_year_dkk > booked_in_year_dkk then cost_year_dkk - booked_in_year_dkk
            else {{ round_ore('0') }}
        end as remaining_dkk
    from amounts
)

select
    grant_id,
    fiscal_year,
    active_days,
    cost_year_dkk,
    booked_dkk,
    booked_in_year_dkk,
    remaining_dkk,
    booked_dkk + remaining_dkk as expected_dkk
from remaining
