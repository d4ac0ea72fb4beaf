{#- PAYMUN_MISMATCH month lines (checks.md §4-5): one `forward` line per mismatched grant, month
    = the first forward month. Amount = monthly cost × min(12, n) (forward_month_count) when we
    are the recorded payer, else an explicit 0 kr line (every flag has a line). No past months:
    the check has lost 0 and no month-by-month potential. -#}
select
    'PAYMUN_MISMATCH' as check_code,
    {{ dbt.concat(["'grant_id='", 'grant_id']) }} as anchor,
    {{ forward_line_month() }} as month_start_date,
    'forward' as claim_window,
    grant_id,
    {{ unrounded_dkk('forward_amount_dkk') }} as expense_dkk,
    {{ unrounded_dkk('0') }} as covered_dkk,
    {{ unrounded_dkk('forward_amount_dkk') }} as amount_dkk
from {{ ref('int_paymun_mismatch_grants_found') }}
