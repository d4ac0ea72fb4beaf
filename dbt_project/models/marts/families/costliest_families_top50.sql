{#- Per dimension and fiscal year, the 50 costliest families living in our municipality on the
    year's reference date (families.md), ranked by total cost (ties: family_key), with members,
    cost per area, contacts, postal code and the share of all person-related spending in the
    year (every registrantbogført dranst-1 cost, whoever and wherever the person is). -#}
{%- set areas = cost_areas() -%}
with families as (
    select * from {{ ref('dim_family') }}
    where is_in_our_municipality
),

costs as (
    select * from {{ ref('fct_family_costs') }}
    where total_cost_dkk > 0
),

ranked as (
    select
        costs.*,
        families.family_type,
        families.multi_family,
        families.n_members,
        families.n_adults,
        families.n_children,
        families.postal_code,
        families.is_institution_address,
        families.reference_date,
        row_number() over (
            partition by costs.family_dimension, costs.fiscal_year
            order by costs.total_cost_dkk desc, costs.family_key
        ) as rank
    from costs
    inner join families on families.family_key = costs.family_key
),

top50 as (
    select * from ranked where rank <= 50
),

members as (
    select
        bridge.family_key,
        {{ dbt.listagg(
            dbt.concat(['bridge.person_key', "' ('", 'bridge.role', "')'"]),
            "', '",
            "order by case bridge.role when 'adult' then 1 when 'common_child' then 2 when 'stepchild_here' then 3 when 'child_elsewhere' then 4 else 5 end, bridge.person_key"
        ) }} as member_keys
    from {{ ref('bridge_family_person') }} as bridge
    inner join top50 on top50.family_key = bridge.family_key
    group by bridge.family_key
),

yearly_totals as (
    select fiscal_year, sum(cost_dkk) as person_related_spending_dkk
    from {{ ref('int_person_costs_summed') }}
    group by fiscal_year
)

select
    top50.family_dimension,
    top50.fiscal_year,
    top50.rank,
    top50.family_key,
    top50.family_type,
    top50.multi_family,
    top50.n_members,
    top50.n_adults,
    top50.n_children,
    members.member_keys,
    top50.total_cost_dkk,
    {%- for area in areas %}
    top50.cost_{{ area }}_dkk,
    {%- endfor %}
    top50.n_caseworkers,
    top50.n_departments,
    top50.n_services,
    top50.services,
    top50.postal_code,
    top50.is_institution_address,
    top50.reference_date,
    {{ decimal_ratio('top50.total_cost_dkk', 'yearly_totals.person_related_spending_dkk', 6) }}
        as share_of_total
from top50
inner join members on members.family_key = top50.family_key
inner join yearly_totals on yearly_totals.fiscal_year = top50.fiscal_year
