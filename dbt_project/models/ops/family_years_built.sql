{#- The bridge's ledger (macros/family_years_kept.sql): per fiscal year of the family marts, the
    fingerprint of the inputs its bridge_family_person rows were computed from and the night
    that computed them. Served beside the bridge, so the next night keeps a year's rows only
    when they were served with tonight's fingerprint. Built after the bridge; it reads its own
    previous rows (the served file's) for the nights that kept a year. -#}
-- depends_on: {{ ref('bridge_family_person') }}
{%- set previous = family_years_bridge_ledger() if execute else none %}
select
    fingerprints.fiscal_year,
    fingerprints.reference_date,
    fingerprints.inputs_fingerprint,
    {%- if previous is not none %}
    case when fingerprints.is_bridge_kept then previous.built_as_of else {{ as_of_date() }} end as built_as_of
    {%- else %}
    {{ as_of_date() }} as built_as_of
    {%- endif %}
from {{ ref('int_family_years_fingerprinted') }} as fingerprints
{%- if previous is not none %}
left join {{ previous }} as previous on previous.fiscal_year = fingerprints.fiscal_year
{%- endif %}
