{#- One rule (checks.md §4): every check's flags in one table, one row per check and anchor. -#}
{% for check_code in income_optimisation_check_codes() %}
select
    check_code,
    anchor,
    variant,
    cpr,
    person_key,
    case_id,
    grant_id,
    area,
    counterparty_municipality_code,
    period_start,
    period_end,
    potential_amount_dkk,
    lost_amount_dkk,
    evidence
from {{ ref('int_check_' ~ check_code | lower ~ '_flags') }}
{% if not loop.last %}union all{% endif %}
{%- endfor %}
