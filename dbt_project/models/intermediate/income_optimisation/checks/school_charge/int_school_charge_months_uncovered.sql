{#- One rule (checks.md §5 SCHOOL_CHARGE, §2 coverage, §1 claim window): a month of int_school_charge_months_rated
    (enrolled `normal` all month in one of our schools, CPR-registered all month in X ≠ us)
    counts when the income from X on 3.22 does not cover it:
    - rate known: covered when income ≥ rate − tolerance (setting `coverage_tolerance_dkk`);
      otherwise the line is the uncovered difference rate − income;
    - rate missing (no seed row for us or for X in year(m)): a 0 kr line (`takst mangler`),
      unless X paid anything for the month (income > 0: the month is charged, so covered).
    Window per month from int_months_claim_windowed; anchor person + X. The contract columns
    first (int_check_school_charge_lines selects them), then what the flag needs. -#}
with months_rated as (
    select *
    from {{ ref('int_school_charge_months_rated') }}
),

uncovered_months as (
    select
        cpr,
        month_start_date,
        counterparty_municipality_code,
        is_rate_missing,
        coalesce(monthly_rate_dkk, 0) as expense_dkk,
        income_from_municipality_dkk as covered_dkk,
        case
            when is_rate_missing then 0
            else monthly_rate_dkk - income_from_municipality_dkk
        end as amount_dkk
    from months_rated
    where case
        when is_rate_missing then income_from_municipality_dkk <= 0
        else income_from_municipality_dkk
            < monthly_rate_dkk - {{ income_optimisation_setting('coverage_tolerance_dkk', 'decimal(18, 2)') }}
    end
),

claim_windows as (
    select month_start_date, claim_window
    from {{ ref('int_months_claim_windowed') }}
    where check_code = 'SCHOOL_CHARGE'
),

person_keys as (
    select cpr, person_key
    from {{ ref('stg_keys__person_keys') }}
)

select
    cast('SCHOOL_CHARGE' as {{ dbt.type_string() }}) as check_code,
    {{ dbt.concat(["'person_key='", 'person_keys.person_key',
                   "';counterparty='", 'uncovered_months.counterparty_municipality_code']) }} as anchor,
    uncovered_months.month_start_date,
    claim_windows.claim_window,
    cast(null as {{ dbt.type_string() }}) as grant_id,
    uncovered_months.expense_dkk,
    uncovered_months.covered_dkk,
    uncovered_months.amount_dkk,
    uncovered_months.cpr,
    person_keys.person_key,
    uncovered_months.counterparty_municipality_code,
    uncovered_months.is_rate_missing
from uncovered_months
inner join claim_windows
    on claim_windows.month_start_date = uncovered_months.month_start_date
left join person_keys
    on person_keys.cpr = uncovered_months.cpr
