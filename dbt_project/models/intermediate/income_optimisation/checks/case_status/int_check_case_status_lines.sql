{#- One rule (checks.md §4-5 CASE_STATUS, amounts): each flag has exactly one `forward` line
    (month = the month after month(as_of)). Sub-rule 1: monthly cost × min(12, n) when the grant
    is still open on as_of, else 0. Sub-rule 2: 0 kr (the check's amount is 0; the line exists
    because every flag has one). Nothing covers it: covered_dkk = 0, amount_dkk = expense_dkk. -#}
with closed_case_grants as (
    select grant_id, forward_amount_dkk
    from {{ ref('int_case_status_closed_case_grants_found') }}
),

stale_grants as (
    select grant_id
    from {{ ref('int_case_status_stale_grants_found') }}
),

lines as (
    select grant_id, 1 as sub_rule, forward_amount_dkk as expense_dkk
    from closed_case_grants
    union all
    select grant_id, 2 as sub_rule, {{ unrounded_dkk('0') }} as expense_dkk
    from stale_grants
)

select
    cast('CASE_STATUS' as {{ dbt.type_string() }}) as check_code,
    {{ dbt.concat(["'grant_id='", 'grant_id', "';sub_rule='", dbt.cast('sub_rule', dbt.type_string())]) }} as anchor,
    {{ forward_line_month() }} as month_start_date,
    cast('forward' as {{ dbt.type_string() }}) as claim_window,
    grant_id,
    {{ unrounded_dkk('expense_dkk') }} as expense_dkk,
    {{ unrounded_dkk('0') }} as covered_dkk,
    {{ unrounded_dkk('expense_dkk') }} as amount_dkk
from lines
