{#- One rule (families.md): a family's cost in fiscal year Y is the sum of its members' costs in
    Y, per area, the members taken on Y's reference date. In family_across_addresses a child
    counts fully in each family it belongs to, so totals across families are not additive. -#}
{%- set areas = cost_areas() -%}
with members as (
    select fiscal_year, family_dimension, family_anchor, cpr
    from {{ ref('int_family_members_unioned') }}
),

person_costs as (
    select * from {{ ref('int_person_costs_summed') }}
)

select
    members.fiscal_year,
    members.family_dimension,
    members.family_anchor,
    sum(person_costs.cost_dkk) as total_cost_dkk,
    {%- for area in areas %}
    sum(case when person_costs.area = '{{ area }}' then person_costs.cost_dkk else 0 end) as cost_{{ area }}_dkk,
    {%- endfor %}
    count(distinct members.cpr) as n_members_with_cost
from members
inner join person_costs
    on person_costs.cpr = members.cpr and person_costs.fiscal_year = members.fiscal_year
group by members.fiscal_year, members.family_dimension, members.family_anchor
