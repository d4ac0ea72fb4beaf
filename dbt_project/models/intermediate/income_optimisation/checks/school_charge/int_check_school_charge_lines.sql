{#- SCHOOL_CHARGE month lines in the contract of the union marts: one line per anchor (person +
    X) and month that counts (uncovered months, and 0 kr `takst mangler` months). -#}
select
    check_code,
    anchor,
    month_start_date,
    claim_window,
    grant_id,
    expense_dkk,
    covered_dkk,
    amount_dkk
from {{ ref('int_school_charge_months_uncovered') }}
