{#- One rule (spending.md, invoice basis): per person, municipality X, month, main function and
    grant, the chargeable amount of MISSING_CHARGE before the tolerance — the expense
    chargeable to X (int_missing_charge_expenses_attributed: the grant's payer (b), or the
    institution rule (a)) net of the state refund on the same CPR, function and month, shared
    pro rata over the function's expense as the check does. A (b) line carries the grant the
    expense is booked on (by case_ref); an (a) line — our own expense on the person, chargeable
    because X placed them here — has no grant_id but X's stay grant as placement_grant_id
    (int_invoice_basis_placement_grants_identified), so its month is one line per main
    function. Unrounded. -#}
with attributed as (
    select
        cpr,
        counterparty_municipality_code,
        month_start_date,
        function_code,
        main_function_code,
        charge_basis,
        case when charge_basis = 'b' then grant_id end as grant_id,
        amount_dkk
    from {{ ref('int_missing_charge_expenses_attributed') }}
),

by_grant as (
    select
        cpr, counterparty_municipality_code, month_start_date, function_code, main_function_code,
        charge_basis, grant_id, sum(amount_dkk) as expense_dkk
    from attributed
    group by cpr, counterparty_municipality_code, month_start_date, function_code, main_function_code,
             charge_basis, grant_id
),

person_functions as (
    select cpr, month_start_date, function_code, expense_dkk, state_refund_dkk
    from {{ ref('int_person_months_expensed') }}
),

netted as (
    select
        by_grant.cpr,
        by_grant.counterparty_municipality_code,
        by_grant.month_start_date,
        by_grant.main_function_code,
        by_grant.charge_basis,
        by_grant.grant_id,
        sum(by_grant.expense_dkk) as expense_dkk,
        sum(case when person_functions.expense_dkk > 0
                 then {{ decimal_ratio('coalesce(person_functions.state_refund_dkk, 0) * by_grant.expense_dkk',
                                       'person_functions.expense_dkk') }}
                 else 0 end) as state_refund_dkk
    from by_grant
    left join person_functions
        on person_functions.cpr = by_grant.cpr
        and person_functions.month_start_date = by_grant.month_start_date
        and person_functions.function_code = by_grant.function_code
    group by by_grant.cpr, by_grant.counterparty_municipality_code, by_grant.month_start_date,
             by_grant.main_function_code, by_grant.charge_basis, by_grant.grant_id
)

select
    netted.cpr,
    netted.counterparty_municipality_code,
    netted.month_start_date,
    netted.main_function_code,
    netted.grant_id,
    case when netted.charge_basis = 'a' then placement_grants.placement_grant_id end as placement_grant_id,
    netted.charge_basis,
    netted.expense_dkk,
    netted.state_refund_dkk,
    netted.expense_dkk - netted.state_refund_dkk as chargeable_dkk
from netted
left join {{ ref('int_invoice_basis_placement_grants_identified') }} as placement_grants
    on netted.charge_basis = 'a'
    and placement_grants.cpr = netted.cpr
    and placement_grants.placing_municipality_code = netted.counterparty_municipality_code
    and placement_grants.month_start_date = netted.month_start_date
