{#- One rule (spending.md, invoice basis): per person, municipality X, month, main function and
    grant, the chargeable amount of MISSING_CHARGE before the tolerance — the expense
    chargeable to X (int_missing_charge_expenses_attributed: the grant's payer, or the
    institution rule) net of the state refund on the same CPR, function and month, shared pro
    rata over the function's expense as the check does. The grant is the posting's own (§2
    matching), also for expense charged by the institution rule. Unrounded. -#}
with attributed as (
    select
        attributed.cpr,
        attributed.counterparty_municipality_code,
        attributed.month_start_date,
        attributed.function_code,
        attributed.main_function_code,
        attributed.charge_basis,
        coalesce(attributed.grant_id, allocated.grant_id) as grant_id,
        attributed.amount_dkk
    from {{ ref('int_missing_charge_expenses_attributed') }} as attributed
    left join {{ ref('int_postings_months_allocated') }} as allocated
        on allocated.posting_id = attributed.posting_id
        and allocated.month_start_date = attributed.month_start_date
),

by_grant as (
    select
        cpr, counterparty_municipality_code, month_start_date, function_code, main_function_code,
        grant_id, max(charge_basis) as charge_basis, sum(amount_dkk) as expense_dkk
    from attributed
    group by cpr, counterparty_municipality_code, month_start_date, function_code, main_function_code, grant_id
),

person_functions as (
    select cpr, month_start_date, function_code, expense_dkk, state_refund_dkk
    from {{ ref('int_person_months_expensed') }}
)

select
    by_grant.cpr,
    by_grant.counterparty_municipality_code,
    by_grant.month_start_date,
    by_grant.main_function_code,
    by_grant.grant_id,
    max(by_grant.charge_basis) as charge_basis,
    sum(by_grant.expense_dkk) as expense_dkk,
    sum(case when person_functions.expense_dkk > 0
             then {{ decimal_ratio('coalesce(person_functions.state_refund_dkk, 0) * by_grant.expense_dkk',
                                   'person_functions.expense_dkk') }}
             else 0 end) as state_refund_dkk,
    sum(by_grant.expense_dkk)
        - sum(case when person_functions.expense_dkk > 0
                   then {{ decimal_ratio('coalesce(person_functions.state_refund_dkk, 0) * by_grant.expense_dkk',
                                         'person_functions.expense_dkk') }}
                   else 0 end) as chargeable_dkk
from by_grant
left join person_functions
    on person_functions.cpr = by_grant.cpr
    and person_functions.month_start_date = by_grant.month_start_date
    and person_functions.function_code = by_grant.function_code
group by by_grant.cpr, by_grant.counterparty_municipality_code, by_grant.month_start_date,
         by_grant.main_function_code, by_grant.grant_id
