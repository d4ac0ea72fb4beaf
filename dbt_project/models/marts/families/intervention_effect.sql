{#- The before/after view of a started intervention (families.md): per family dimension,
    intervention type (a benefit_type_code or a legal_basis) and family type, how many
    interventions started in a family, and the family's cost and contacts in the 12 months
    before and after the start month (int_interventions_costed), in total and on average per
    intervention. A family with two interventions counts in each. Amounts are DECIMAL, rounded
    to øre once here, average contacts to 2 decimals: reruns are byte-identical. -#}
with interventions as (
    select * from {{ ref('int_interventions_costed') }}
),

keyed as (
    -- the family's key from its anchor (macro family_key), to find its type in dim_family
    select
        interventions.*,
        {{ family_key('interventions.family_dimension', 'interventions.fiscal_year',
                      'interventions.family_anchor', 'anchor_keys.person_key') }} as family_key
    from interventions
    left join {{ ref('stg_keys__person_keys') }} as anchor_keys
        on interventions.family_dimension <> 'household'
        and anchor_keys.cpr = interventions.family_anchor
),

typed as (
    select keyed.*, families.family_type
    from keyed
    inner join {{ ref('dim_family') }} as families on families.family_key = keyed.family_key
),

by_intervention_type as (
    select 'benefit_type' as intervention_kind, benefit_type_code as intervention_code,
           max(benefit_type_name) over (partition by benefit_type_code) as intervention_name, typed.*
    from typed
    where benefit_type_code is not null
    union all
    select 'legal_basis', legal_basis, legal_basis, typed.*
    from typed
    where legal_basis is not null
)

select
    family_dimension,
    intervention_kind,
    intervention_code,
    max(intervention_name) as intervention_name,
    family_type,
    count(*) as n_interventions,
    count(distinct {{ dbt.concat(['family_anchor', "'|'", dbt.cast('fiscal_year', dbt.type_string())]) }}) as n_families,
    {{ round_ore('sum(cost_before_dkk)') }} as cost_before_dkk,
    {{ round_ore('sum(cost_after_dkk)') }} as cost_after_dkk,
    {{ round_ore('sum(cost_after_dkk)') }} - {{ round_ore('sum(cost_before_dkk)') }} as cost_change_dkk,
    {{ round_ore(decimal_ratio('sum(cost_before_dkk)', 'count(*)')) }} as avg_cost_before_dkk,
    {{ round_ore(decimal_ratio('sum(cost_after_dkk)', 'count(*)')) }} as avg_cost_after_dkk,
    {%- for contact in ['caseworkers', 'departments', 'services'] %}
    {%- for follow_up_window in ['before', 'after'] %}
    {{ decimal_ratio('sum(n_' ~ contact ~ '_' ~ follow_up_window ~ ')', 'count(*)', 2) }} as avg_{{ contact }}_{{ follow_up_window }}
        {%- if not loop.last or contact != 'services' %},{% endif %}
    {%- endfor %}
    {%- endfor %}
from by_intervention_type
group by family_dimension, intervention_kind, intervention_code, family_type
