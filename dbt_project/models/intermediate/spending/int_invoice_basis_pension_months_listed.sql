{#- One rule (spending.md, invoice basis, lines of basis `pension_6y`): the months for which
    PENSION_6Y direction (a) finds that we still pay a pension we awarded after its six years
    ran out while the pensioner lived in municipality X all month (int_pension_6y_overpaid_months,
    checks.md §5) are owed by X, the municipality of residence, which finances the pension from
    then on. Per person, X and complete month (potential and lost months; the check's forward
    line is not a month and is left out) the amount is what the check counts: the municipal
    share per month from pensions.csv (no postings needed), on main function 5.48. A month
    without a CPR municipality (dead, emigrated, moved between two municipalities within the
    month, an administrative code) names no municipality to invoice and is left out. -#}
select
    cpr,
    residence_municipality_code as counterparty_municipality_code,
    month_start_date,
    '5.48' as main_function_code,
    sum(overpaid_dkk) as municipal_share_dkk
from {{ ref('int_pension_6y_overpaid_months') }}
where claim_window in ('potential', 'lost')
  and residence_municipality_code is not null
group by cpr, residence_municipality_code, month_start_date
