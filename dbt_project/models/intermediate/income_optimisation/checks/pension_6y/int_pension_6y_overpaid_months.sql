{#- One rule (checks.md §5 PENSION_6Y (a)): we awarded the pension, the six years are over, the
    pensioner lives outside our municipality all month (no CPR municipality counts as outside)
    and pensions.paying_municipality_code is still us: every such complete month inside the
    pension period ([awarded_date, end_date], every day) is overpaid by
    municipal_share_per_month (no postings needed). Plus one `forward` row: the municipal share
    × forward_month_count(end_date), when on as_of the six years are over and the pensioner
    lives outside our municipality. -#}
with pensions as (
    select *
    from {{ ref('int_pension_6y_six_years_dated') }}
    where awarding_municipality_code = {{ our_municipality_code() }}
      and paying_municipality_code = {{ our_municipality_code() }}
      and six_years_end_date is not null
),

months as (
    select month_start_date, month_end_date, claim_window
    from {{ ref('int_months_claim_windowed') }}
    where check_code = 'PENSION_6Y'
),

overpaid_months as (
    select
        pensions.cpr,
        pensions.pension_source_line,
        pensions.awarding_municipality_code,
        months.month_start_date,
        months.claim_window,
        residence.cpr_municipality_code as residence_municipality_code,
        pensions.municipal_share_per_month_dkk,
        1 as n_months,
        pensions.municipal_share_per_month_dkk as overpaid_dkk
    from pensions
    inner join months
        on months.month_start_date > pensions.six_years_end_date
        and months.month_start_date >= pensions.awarded_date
        and (pensions.end_date is null or pensions.end_date >= months.month_end_date)
    inner join {{ ref('int_residence_months_classified') }} as residence
        on residence.cpr = pensions.cpr
        and residence.month_start_date = months.month_start_date
        and residence.is_outside_all_month
),

forward_runs as (
    select
        pensions.cpr,
        pensions.pension_source_line,
        pensions.awarding_municipality_code,
        {{ forward_line_month() }} as month_start_date,
        'forward' as claim_window,
        residence_on_as_of.municipality_code as residence_municipality_code,
        pensions.municipal_share_per_month_dkk,
        {{ forward_month_count('pensions.end_date') }} as n_months,
        pensions.municipal_share_per_month_dkk * {{ forward_month_count('pensions.end_date') }} as overpaid_dkk
    from pensions
    left join {{ ref('int_persons_residence_on_as_of') }} as residence_on_as_of
        on residence_on_as_of.cpr = pensions.cpr
    where pensions.six_years_end_date < {{ as_of_date() }}
      and (residence_on_as_of.municipality_code is null
           or residence_on_as_of.municipality_code <> {{ our_municipality_code() }})
      and {{ forward_month_count('pensions.end_date') }} > 0
)

select
    cpr, pension_source_line, awarding_municipality_code, month_start_date, claim_window,
    residence_municipality_code, municipal_share_per_month_dkk, n_months, overpaid_dkk
from overpaid_months
union all
select
    cpr, pension_source_line, awarding_municipality_code, month_start_date, claim_window,
    residence_municipality_code, municipal_share_per_month_dkk, n_months, overpaid_dkk
from forward_runs
