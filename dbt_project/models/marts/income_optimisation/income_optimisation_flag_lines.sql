{#- The month lines that prove each flag's amounts (marts.md): amounts rounded half-up to øre once
    per line (checks.md §2), so a flag's potential lines (potential + forward) and lost lines sum
    exactly to its potential_amount_dkk and lost_amount_dkk. -#}
with flags as (
    select flag_id, check_code, anchor from {{ ref('int_flags_identified') }}
),

lines as (
    select * from {{ ref('int_flag_lines_unioned') }}
)

select
    flags.flag_id,
    lines.check_code,
    lines.month_start_date as month,
    lines.claim_window as {{ adapter.quote('window') }},  -- a reserved word: analysts write "window"
    lines.grant_id,
    {{ round_ore('lines.expense_dkk') }} as expense_dkk,
    {{ round_ore('lines.covered_dkk') }} as covered_dkk,
    {{ round_ore('lines.amount_dkk') }} as amount_dkk
from lines
inner join flags on flags.check_code = lines.check_code and flags.anchor = lines.anchor
