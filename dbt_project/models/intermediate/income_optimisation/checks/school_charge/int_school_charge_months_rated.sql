{#- One rule (checks.md §5 SCHOOL_CHARGE, §2 income from X): per pupil, complete month and
    municipality X, the months in which the pupil was enrolled `normal` in one of our schools
    every day of the month and CPR-registered in X ≠ us every day of the month, with
    - the monthly rate = min(our, X's average yearly cost per pupil for year(m)) / 12 from the
      seed `school_cost_per_pupil` (null, `is_rate_missing`, when either row is missing);
    - the income from X on main function 3.22 (art 7.7, int_intermunicipal_months_summed), which
      is the only income that can cover the month (one payment never covers two checks). -#}
with enrolled_months as (
    select cpr, month_start_date
    from {{ ref('int_school_charge_enrolment_months_classified') }}
    where is_enrolled_all_month
),

residence_months as (
    select cpr, month_start_date, cpr_municipality_code
    from {{ ref('int_residence_months_classified') }}
    where cpr_municipality_code is not null
      and cpr_municipality_code <> {{ our_municipality_code() }}
),

school_income as (
    select cpr, month_start_date, counterparty_municipality_code, income_from_municipality_dkk
    from {{ ref('int_intermunicipal_months_summed') }}
    where main_function_code = '3.22'
),

yearly_costs as (
    select municipality_code, year, amount_dkk
    from {{ ref('school_cost_per_pupil') }}
),

pupil_months as (
    select
        enrolled_months.cpr,
        enrolled_months.month_start_date,
        residence_months.cpr_municipality_code as counterparty_municipality_code,
        {{ dbt.cast('extract(year from enrolled_months.month_start_date)', api.Column.translate_type('integer')) }}
            as month_year
    from enrolled_months
    inner join residence_months
        on residence_months.cpr = enrolled_months.cpr
        and residence_months.month_start_date = enrolled_months.month_start_date
),

pupil_months_rated as (
    select
        pupil_months.cpr,
        pupil_months.month_start_date,
        pupil_months.counterparty_municipality_code,
        pupil_months.month_year,
        our_costs.amount_dkk as our_yearly_cost_dkk,
        counterparty_costs.amount_dkk as counterparty_yearly_cost_dkk
    from pupil_months
    left join yearly_costs as our_costs
        on our_costs.municipality_code = {{ our_municipality_code() }}
        and our_costs.year = pupil_months.month_year
    left join yearly_costs as counterparty_costs
        on counterparty_costs.municipality_code = pupil_months.counterparty_municipality_code
        and counterparty_costs.year = pupil_months.month_year
)

select
    pupil_months_rated.cpr,
    pupil_months_rated.month_start_date,
    pupil_months_rated.counterparty_municipality_code,
    pupil_months_rated.month_year,
    pupil_months_rated.our_yearly_cost_dkk,
    pupil_months_rated.counterparty_yearly_cost_dkk,
    case
        when pupil_months_rated.our_yearly_cost_dkk is not null
            and pupil_months_rated.counterparty_yearly_cost_dkk is not null
            then {{ decimal_ratio('case
                when pupil_months_rated.our_yearly_cost_dkk <= pupil_months_rated.counterparty_yearly_cost_dkk
                    then pupil_months_rated.our_yearly_cost_dkk
                else pupil_months_rated.counterparty_yearly_cost_dkk
            end', '12') }}
    end as monthly_rate_dkk,
    pupil_months_rated.our_yearly_cost_dkk is null
        or pupil_months_rated.counterparty_yearly_cost_dkk is null as is_rate_missing,
    coalesce(school_income.income_from_municipality_dkk, 0) as income_from_municipality_dkk
from pupil_months_rated
left join school_income
    on school_income.cpr = pupil_months_rated.cpr
    and school_income.month_start_date = pupil_months_rated.month_start_date
    and school_income.counterparty_municipality_code = pupil_months_rated.counterparty_municipality_code
