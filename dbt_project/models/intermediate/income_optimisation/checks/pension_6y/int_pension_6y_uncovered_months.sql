{#- One rule (checks.md §5 PENSION_6Y (b)): X ≠ us awarded the pension and the pensioner lives
    here all month inside the six years (and inside the pension period), no day of the month in
    an inbound offer (those months are MISSING_CHARGE's), and we have chargeable expense on
    `5.48.xx` (expense net of state refund, §2) that income from X in main function 5.48 does
    not cover (income ≥ chargeable − tolerance covers). The uncovered difference is flagged.
    The expense is the person's, so when two pensions qualify in the same month it is counted
    once: for the latest award. -#}
{%- set pension_main_function = '5.48' -%}
with pensions as (
    select *
    from {{ ref('int_pension_6y_six_years_dated') }}
    where awarding_municipality_code <> {{ our_municipality_code() }}
      and six_years_start_date is not null
),

months as (
    select month_start_date, month_end_date, claim_window
    from {{ ref('int_months_claim_windowed') }}
    where check_code = 'PENSION_6Y'
),

inbound_offer_months as (
    select distinct cpr, month_start_date
    from {{ ref('int_offer_months_classified') }}
    where placement_direction = 'inbound'
),

qualifying_months as (
    select
        pensions.cpr,
        pensions.pension_source_line,
        pensions.awarding_municipality_code,
        months.month_start_date,
        months.claim_window,
        row_number() over (
            partition by pensions.cpr, months.month_start_date
            order by pensions.awarded_date desc, pensions.pension_source_line desc
        ) as pension_rank
    from pensions
    inner join months
        on months.month_start_date >= pensions.six_years_start_date
        and months.month_end_date <= pensions.six_years_end_date
        and months.month_start_date >= pensions.awarded_date
        and (pensions.end_date is null or pensions.end_date >= months.month_end_date)
    inner join {{ ref('int_residence_months_classified') }} as residence
        on residence.cpr = pensions.cpr
        and residence.month_start_date = months.month_start_date
        and residence.is_resident_all_month
    where not exists (
        select 1
        from inbound_offer_months
        where inbound_offer_months.cpr = pensions.cpr
          and inbound_offer_months.month_start_date = months.month_start_date
    )
),

chargeable as (
    select cpr, month_start_date, sum(chargeable_dkk) as chargeable_dkk
    from {{ ref('int_person_months_expensed') }}
    where main_function_code = '{{ pension_main_function }}'
    group by cpr, month_start_date
),

judged as (
    select
        qualifying_months.cpr,
        qualifying_months.pension_source_line,
        qualifying_months.awarding_municipality_code,
        qualifying_months.month_start_date,
        qualifying_months.claim_window,
        chargeable.chargeable_dkk,
        coalesce(income.income_from_municipality_dkk, 0) as income_from_municipality_dkk
    from qualifying_months
    inner join chargeable
        on chargeable.cpr = qualifying_months.cpr
        and chargeable.month_start_date = qualifying_months.month_start_date
    left join {{ ref('int_intermunicipal_months_summed') }} as income
        on income.cpr = qualifying_months.cpr
        and income.month_start_date = qualifying_months.month_start_date
        and income.counterparty_municipality_code = qualifying_months.awarding_municipality_code
        and income.main_function_code = '{{ pension_main_function }}'
    where qualifying_months.pension_rank = 1
)

select
    cpr,
    pension_source_line,
    awarding_municipality_code,
    month_start_date,
    claim_window,
    chargeable_dkk,
    income_from_municipality_dkk,
    greatest(income_from_municipality_dkk, 0) as covered_dkk,
    chargeable_dkk - greatest(income_from_municipality_dkk, 0) as uncovered_dkk
from judged
where income_from_municipality_dkk
    < chargeable_dkk - {{ income_optimisation_setting('coverage_tolerance_dkk', 'decimal(18, 2)') }}
