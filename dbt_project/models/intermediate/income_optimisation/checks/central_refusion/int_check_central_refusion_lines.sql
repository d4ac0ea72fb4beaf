{#- CENTRAL_REFUSION lines in the contract of the union marts: one fiscal-year line per anchor
    (unit + Y) on December Y, potential or lost by Y's claim window; amount = refund due by the
    § 176 thresholds − refund booked. -#}
select
    check_code,
    anchor,
    month_start_date,
    claim_window,
    grant_id,
    expense_dkk,
    covered_dkk,
    amount_dkk
from {{ ref('int_central_refusion_years_windowed') }}
