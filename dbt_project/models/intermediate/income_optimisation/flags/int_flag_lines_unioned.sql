{#- One rule (checks.md §4): every check's month lines in one table, unrounded. -#}
{% for check_code in income_optimisation_check_codes() %}
select
    check_code,
    anchor,
    month_start_date,
    claim_window,
    grant_id,
    expense_dkk,
    covered_dkk,
    amount_dkk
from {{ ref('int_check_' ~ check_code | lower ~ '_lines') }}
{% if not loop.last %}union all{% endif %}
{%- endfor %}
