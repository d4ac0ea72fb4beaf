{#- One rule (spending.md): per grant and fiscal year, booked = its booked expense by the
    cut-off T; remaining = its cost after T (int_grants_yearly_costed) − the part of booked
    whose service period lies after T (never count a prepaid month twice); expected_year =
    booked + remaining. A grant with postings but no cost in the year (e.g. ended last year)
    keeps its booked amount. -#}
with costs as (
    select * from {{ ref('int_grants_yearly_costed') }}
),

booked as (
    select
        grant_id,
        fiscal_year,
        sum(booked_dkk) as booked_dkk,
        sum(booked_after_cutoff_dkk) as booked_after_cutoff_dkk
    from {{ ref('int_spending_postings_booked') }}
    where grant_id is not null
    group by grant_id, fiscal_year
),

grant_years as (
    select grant_id, fiscal_year from costs
    union
    select grant_id, fiscal_year from booked
)

select
    grant_years.grant_id,
    grant_years.fiscal_year,
    coalesce(costs.cost_year_dkk, 0) as cost_year_dkk,
    coalesce(costs.cost_after_cutoff_dkk, 0) as cost_after_cutoff_dkk,
    coalesce(booked.booked_dkk, 0) as booked_dkk,
    {{ round_ore('coalesce(booked.booked_after_cutoff_dkk, 0)') }} as booked_after_cutoff_dkk,
    coalesce(costs.cost_after_cutoff_dkk, 0) - {{ round_ore('coalesce(booked.booked_after_cutoff_dkk, 0)') }}
        as remaining_dkk,
    coalesce(booked.booked_dkk, 0) + coalesce(costs.cost_after_cutoff_dkk, 0)
        - {{ round_ore('coalesce(booked.booked_after_cutoff_dkk, 0)') }} as expected_dkk
from grant_years
left join costs on costs.grant_id = grant_years.grant_id and costs.fiscal_year = grant_years.fiscal_year
left join booked on booked.grant_id = grant_years.grant_id and booked.fiscal_year = grant_years.fiscal_year
