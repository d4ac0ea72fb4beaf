{#- The invoice basis to other municipalities (mellemkommunal refusion, spending.md): one line
    per counterparty municipality, invoicing period, person, grant and month with the account
    (main function), the basis (`missing_charge`: MISSING_CHARGE's chargeable amount before the
    tolerance, grant_id empty and the placing municipality's stay grant as placement_grant_id
    on (a) lines; `pension_6y`: PENSION_6Y (a)'s overpaid municipal share, owed by the
    municipality the pensioner lives in), what the municipality already paid and what is
    still to invoice; forældede months marked. No CPR: the economy system's export with CPR
    is `kommunelager invoice-basis --with-cpr`. -#}
select
    lines.counterparty_municipality_code,
    municipalities.name as counterparty_municipality_name,
    lines.period,
    person_keys.person_key,
    lines.grant_id,
    lines.month_start_date as month,
    lines.main_function_code,
    lines.basis,
    lines.charge_basis,
    lines.placement_grant_id,
    lines.expense_dkk,
    lines.state_refund_dkk,
    lines.amount_dkk,
    lines.already_invoiced_dkk,
    lines.to_invoice_dkk,
    lines.is_time_barred
from {{ ref('int_invoice_basis_lines_invoiced') }} as lines
inner join {{ ref('stg_keys__person_keys') }} as person_keys on person_keys.cpr = lines.cpr
left join {{ ref('municipalities') }} as municipalities
    on municipalities.municipality_code = lines.counterparty_municipality_code
