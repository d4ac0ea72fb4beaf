{#- No model in schema `marts` has a CPR column (named `cpr`, `cpr_number` or `*_cpr`, the
    house naming of CPR-holding columns; `cpr_status` is a code, not a number): analysts see
    person_key only (marts.md). CPR lives in `restricted.person_identity` alone. The
    value-level guard is marts_have_no_cpr_values. -#}
-- depends_on: {{ ref('dim_person') }}
-- depends_on: {{ ref('fct_postings') }}
-- depends_on: {{ ref('fct_grants') }}
-- depends_on: {{ ref('income_optimisation_flags') }}
-- depends_on: {{ ref('income_optimisation_flag_lines') }}
-- depends_on: {{ ref('income_optimisation_summary') }}
-- depends_on: {{ ref('dim_family') }}
-- depends_on: {{ ref('bridge_family_person') }}
-- depends_on: {{ ref('fct_family_costs') }}
-- depends_on: {{ ref('costliest_families_top50') }}
-- depends_on: {{ ref('family_cost_distribution') }}
-- depends_on: {{ ref('intervention_effect') }}
-- depends_on: {{ ref('expected_spending_by_grant') }}
-- depends_on: {{ ref('expected_spending') }}
-- depends_on: {{ ref('intermunicipal_invoice_basis') }}
-- depends_on: {{ ref('grant_type_inventory') }}
-- depends_on: {{ ref('spending_data_quality') }}
{%- set offending = [] -%}
{%- if execute -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.schema == 'marts' -%}
        {%- set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
        {%- if relation is not none -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- if column.name | lower in ['cpr', 'cpr_number', 'personnummer'] or (column.name | lower).endswith('_cpr') -%}
                    {%- do offending.append(node.name ~ '.' ~ column.name) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

select offending_column
from (
    select 'none' as offending_column
    {%- for name in offending %}
    union all select '{{ name }}'
    {%- endfor %}
) as columns_found
where offending_column <> 'none'
