{#- One rule (families.md, contacts): behind a family's cost in fiscal year Y stand the grants
    its members' cost postings belong to. Counted: distinct caseworkers, departments and
    services — a service is a case's benefit type, so a new price row (takst) of the same case
    is the same service — and listed: each grant row with its price. -#}
with members as (
    select fiscal_year, family_dimension, family_anchor, cpr
    from {{ ref('int_family_members_unioned') }}
),

grants as (
    select * from {{ ref('int_person_cost_grants_listed') }}
),

family_grants as (
    select distinct
        members.fiscal_year,
        members.family_dimension,
        members.family_anchor,
        grants.grant_id,
        grants.case_id,
        grants.benefit_type_code,
        grants.caseworker_id,
        grants.department,
        {{ dbt.concat([
            "coalesce(grants.benefit_type_name, grants.benefit_type_code, '?')", "' ('",
            "coalesce(grants.legal_basis, '')", "'): '",
            "coalesce(" ~ danish_amount('grants.price') ~ ", '?')", "'/'",
            "coalesce(grants.price_unit, '?')"]) }} as service_text
    from members
    inner join grants on grants.cpr = members.cpr and grants.fiscal_year = members.fiscal_year
)

select
    fiscal_year,
    family_dimension,
    family_anchor,
    count(distinct caseworker_id) as n_caseworkers,
    count(distinct department) as n_departments,
    count(distinct {{ dbt.concat(['case_id', "'|'", "coalesce(benefit_type_code, '')"]) }}) as n_services,
    {{ dbt.listagg('service_text', "'; '", 'order by service_text') }} as services
from family_grants
group by fiscal_year, family_dimension, family_anchor
