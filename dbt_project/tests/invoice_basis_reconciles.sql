{#- spending.md: the invoice basis reconciles — to_invoice + already_invoiced = booked expense
    net of state refund on those persons and months. Checked per person, municipality, month
    and main function, to the øre after rounding each line (a few øre of rounding per month are
    allowed: at most half an øre per line), against the checks' own amounts:
    missing_charge lines against MISSING_CHARGE's chargeable amount (computed per main
    function, not per grant); pension_6y lines against PENSION_6Y (a)'s overpaid municipal
    share of the month (int_pension_6y_overpaid_months, months with a municipality of
    residence). Returns the months that differ. -#}
with basis as (
    select basis, cpr, counterparty_municipality_code, month_start_date, main_function_code,
           sum(to_invoice_dkk + already_invoiced_dkk) as basis_dkk, count(*) as n_lines
    from {{ ref('int_invoice_basis_lines_invoiced') }}
    group by basis, cpr, counterparty_municipality_code, month_start_date, main_function_code
),

check_months as (
    select 'missing_charge' as basis, cpr, counterparty_municipality_code, month_start_date,
           main_function_code, chargeable_dkk
    from {{ ref('int_missing_charge_months_covered') }}
    union all
    select 'pension_6y', cpr, residence_municipality_code, month_start_date, '5.48',
           sum(overpaid_dkk)
    from {{ ref('int_pension_6y_overpaid_months') }}
    where claim_window in ('potential', 'lost')
      and residence_municipality_code is not null
    group by cpr, residence_municipality_code, month_start_date
)

select basis.*, check_months.chargeable_dkk
from basis
full outer join check_months
    on check_months.basis = basis.basis
    and check_months.cpr = basis.cpr
    and check_months.counterparty_municipality_code = basis.counterparty_municipality_code
    and check_months.month_start_date = basis.month_start_date
    and check_months.main_function_code = basis.main_function_code
where basis.cpr is null
   or check_months.cpr is null
   or abs(basis.basis_dkk - check_months.chargeable_dkk) > 0.005 * basis.n_lines
