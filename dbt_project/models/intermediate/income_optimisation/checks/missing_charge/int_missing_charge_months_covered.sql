{#- One rule (checks.md §2 chargeable amount and income from X, for MISSING_CHARGE): per person,
    municipality X, complete month and main function (`H.HH`):
    chargeable = the expense chargeable to X (int_missing_charge_expenses_attributed) net of the
    state refund (dranst 2) booked on the same CPR, function and month. A function's refund is
    shared pro rata over its expense in the month, so a refund is counted once even when only
    part of the function's expense is chargeable (or chargeable to two municipalities); when
    all of it is chargeable to X the whole refund nets it.
    Income from X (art 7.7) in the same main function covers it when it is at least the
    chargeable amount minus the tolerance (setting coverage_tolerance_dkk); otherwise the
    uncovered difference (chargeable − income, income counted from 0) is flagged. -#}
with attributed_by_function as (
    select
        cpr,
        counterparty_municipality_code,
        month_start_date,
        function_code,
        main_function_code,
        sum(amount_dkk) as expense_dkk,
        max(case when charge_basis = 'a' then 1 else 0 end) as has_basis_a,
        max(case when charge_basis = 'b' then 1 else 0 end) as has_basis_b
    from {{ ref('int_missing_charge_expenses_attributed') }}
    group by cpr, counterparty_municipality_code, month_start_date, function_code, main_function_code
),

person_functions as (
    select cpr, month_start_date, function_code, expense_dkk, state_refund_dkk
    from {{ ref('int_person_months_expensed') }}
),

netted_by_function as (
    select
        attributed.*,
        case
            when person_functions.expense_dkk > 0
                then {{ decimal_ratio('coalesce(person_functions.state_refund_dkk, 0) * attributed.expense_dkk',
                                      'person_functions.expense_dkk') }}
            else {{ unrounded_dkk('0') }}
        end as state_refund_dkk
    from attributed_by_function as attributed
    left join person_functions
        on person_functions.cpr = attributed.cpr
        and person_functions.month_start_date = attributed.month_start_date
        and person_functions.function_code = attributed.function_code
),

grant_expense as (
    select
        cpr, counterparty_municipality_code, month_start_date, main_function_code, grant_id,
        row_number() over (
            partition by cpr, counterparty_municipality_code, month_start_date, main_function_code
            order by sum(amount_dkk) desc, grant_id
        ) as grant_rank
    from {{ ref('int_missing_charge_expenses_attributed') }}
    where grant_id is not null
    group by cpr, counterparty_municipality_code, month_start_date, main_function_code, grant_id
),

by_main_function as (
    select
        cpr,
        counterparty_municipality_code,
        month_start_date,
        main_function_code,
        sum(expense_dkk) as expense_dkk,
        sum(state_refund_dkk) as state_refund_dkk,
        sum(expense_dkk) - sum(state_refund_dkk) as chargeable_dkk,
        max(has_basis_a) = 1 as has_basis_a,
        max(has_basis_b) = 1 as has_basis_b
    from netted_by_function
    group by cpr, counterparty_municipality_code, month_start_date, main_function_code
),

with_income as (
    select
        by_main_function.*,
        coalesce(income.income_from_municipality_dkk, 0) as income_from_municipality_dkk,
        grant_expense.grant_id
    from by_main_function
    left join {{ ref('int_intermunicipal_months_summed') }} as income
        on income.cpr = by_main_function.cpr
        and income.month_start_date = by_main_function.month_start_date
        and income.counterparty_municipality_code = by_main_function.counterparty_municipality_code
        and income.main_function_code = by_main_function.main_function_code
    left join grant_expense
        on grant_expense.cpr = by_main_function.cpr
        and grant_expense.counterparty_municipality_code = by_main_function.counterparty_municipality_code
        and grant_expense.month_start_date = by_main_function.month_start_date
        and grant_expense.main_function_code = by_main_function.main_function_code
        and grant_expense.grant_rank = 1
),

judged as (
    select
        with_income.*,
        with_income.income_from_municipality_dkk
            >= with_income.chargeable_dkk - {{ income_optimisation_setting('coverage_tolerance_dkk', 'decimal(18, 2)') }}
            as is_covered
    from with_income
)

select
    judged.cpr,
    judged.counterparty_municipality_code,
    judged.month_start_date,
    judged.main_function_code,
    claim_windows.claim_window,
    judged.expense_dkk,
    judged.state_refund_dkk,
    judged.chargeable_dkk,
    judged.income_from_municipality_dkk,
    judged.is_covered,
    case when judged.is_covered then judged.chargeable_dkk
         else greatest(judged.income_from_municipality_dkk, 0) end as covered_dkk,
    case when judged.is_covered then 0
         else judged.chargeable_dkk - greatest(judged.income_from_municipality_dkk, 0) end as uncovered_dkk,
    judged.has_basis_a,
    judged.has_basis_b,
    judged.grant_id
from judged
inner join {{ ref('int_months_claim_windowed') }} as claim_windows
    on claim_windows.check_code = 'MISSING_CHARGE'
    and claim_windows.month_start_date = judged.month_start_date
