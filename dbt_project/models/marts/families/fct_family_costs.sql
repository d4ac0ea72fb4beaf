{#- A family's cost per fiscal year (families.md): the sum of its members' registrantbogført
    dranst-1 costs, per area, with the caseworkers, departments and services behind them.
    Families without a cost posting in the year have no row. The family key is computed from
    the family's anchor (macro family_key, as for dim_family; its relationships test proves it
    names a described family). Across addresses a child counts
    fully in each family it belongs to: these totals are not additive across families. -#}
{%- set areas = cost_areas() -%}
with costs as (
    select * from {{ ref('int_family_costs_summed') }}
),

contacts as (
    select * from {{ ref('int_family_contacts_counted') }}
),

anchor_keys as (
    select * from {{ ref('stg_keys__person_keys') }}
)

select
    {{ family_key('costs.family_dimension', 'costs.fiscal_year', 'costs.family_anchor',
                  'anchor_keys.person_key') }} as family_key,
    costs.family_dimension,
    costs.fiscal_year,
    costs.total_cost_dkk,
    {%- for area in areas %}
    costs.cost_{{ area }}_dkk,
    {%- endfor %}
    costs.n_members_with_cost,
    coalesce(contacts.n_caseworkers, 0) as n_caseworkers,
    coalesce(contacts.n_departments, 0) as n_departments,
    coalesce(contacts.n_services, 0) as n_services,
    contacts.services
from costs
left join anchor_keys
    on costs.family_dimension <> 'household'
    and anchor_keys.cpr = costs.family_anchor
left join contacts
    on contacts.fiscal_year = costs.fiscal_year
    and contacts.family_dimension = costs.family_dimension
    and contacts.family_anchor = costs.family_anchor
