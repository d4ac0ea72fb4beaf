{#- SCHOOL_PAID_NOT_RESIDENT month lines in the contract of the union marts: one line per anchor
    (person + the municipality we paid) and month in which we paid for a pupil who lived outside
    our municipality all month and was not in an offer we placed them in. -#}
select
    check_code,
    anchor,
    month_start_date,
    claim_window,
    grant_id,
    expense_dkk,
    covered_dkk,
    amount_dkk
from {{ ref('int_school_paid_not_resident_months_windowed') }}
