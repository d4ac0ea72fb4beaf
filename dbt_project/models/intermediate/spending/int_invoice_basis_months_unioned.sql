{#- One rule (spending.md, invoice basis: "everything another municipality owes us is invoiced
    from one list"): the chargeable months of both kinds, one row per person, municipality X,
    month, main function and grant, with the basis they come from and the check whose claim
    window dates them:
    `missing_charge` — MISSING_CHARGE's chargeable amount (a: institution rule, b: the grant's
        payer; int_invoice_basis_months_netted): booked expense net of state refund;
    `pension_6y` — PENSION_6Y (a)'s overpaid municipal share (int_invoice_basis_pension_months_listed):
        the share per month from pensions.csv, no postings and no state refund (the municipal
        share is what is left to the municipality after the state's part); no grant, no
        charge_basis. Unrounded. -#}
select
    cpr,
    counterparty_municipality_code,
    month_start_date,
    main_function_code,
    'missing_charge' as basis,
    'MISSING_CHARGE' as check_code,
    charge_basis,
    grant_id,
    placement_grant_id,
    {{ unrounded_dkk('expense_dkk') }} as expense_dkk,
    {{ unrounded_dkk('state_refund_dkk') }} as state_refund_dkk,
    {{ unrounded_dkk('chargeable_dkk') }} as chargeable_dkk
from {{ ref('int_invoice_basis_months_netted') }}

union all

select
    cpr,
    counterparty_municipality_code,
    month_start_date,
    main_function_code,
    'pension_6y' as basis,
    'PENSION_6Y' as check_code,
    {{ dbt.cast('null', dbt.type_string()) }} as charge_basis,
    {{ dbt.cast('null', dbt.type_string()) }} as grant_id,
    {{ dbt.cast('null', dbt.type_string()) }} as placement_grant_id,
    {{ unrounded_dkk('municipal_share_dkk') }} as expense_dkk,
    {{ unrounded_dkk('0') }} as state_refund_dkk,
    {{ unrounded_dkk('municipal_share_dkk') }} as chargeable_dkk
from {{ ref('int_invoice_basis_pension_months_listed') }}
