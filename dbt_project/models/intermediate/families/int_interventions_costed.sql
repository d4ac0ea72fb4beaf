{#- One rule (families.md, intervention effect): for each intervention and each family its
    person belongs to (composition on the reference date of the start's fiscal year), the
    family's cost and contacts in the 12 months before and the 12 months after the start
    month. Months come from the postings' service periods (checks.md §2 allocation, expense =
    dranst 1 without arts 7.6/7.7/7.8); contacts are the grants behind those months (a service = a case's benefit type, as in
    int_family_contacts_counted). -#}
with interventions as (
    select * from {{ ref('int_interventions_started') }}
),

members as (
    select * from {{ ref('int_family_members_unioned') }}
),

intervention_families as (
    select interventions.*, members.family_dimension, members.family_anchor
    from interventions
    inner join members
        on members.cpr = interventions.cpr and members.fiscal_year = interventions.fiscal_year
),

family_members as (
    select intervention_families.case_id, intervention_families.family_dimension,
           intervention_families.family_anchor, intervention_families.start_month_start_date,
           members.cpr
    from intervention_families
    inner join members
        on members.fiscal_year = intervention_families.fiscal_year
        and members.family_dimension = intervention_families.family_dimension
        and members.family_anchor = intervention_families.family_anchor
),

person_months as (
    select cpr, month_start_date, grant_id, sum(amount_dkk) as cost_dkk
    from {{ ref('int_postings_months_allocated') }}
    where is_expense and cpr is not null
    group by cpr, month_start_date, grant_id
),

windowed as (
    select
        family_members.case_id,
        family_members.family_dimension,
        family_members.family_anchor,
        case when person_months.month_start_date < family_members.start_month_start_date
             then 'before' else 'after' end as follow_up_window,
        person_months.cost_dkk,
        case when grants.grant_id is not null then
            {{ dbt.concat(['grants.case_id', "'|'", "coalesce(grants.benefit_type_code, '')"]) }}
        end as service_id,
        grants.caseworker_id,
        grants.department
    from family_members
    inner join person_months
        on person_months.cpr = family_members.cpr
        and person_months.month_start_date >= {{ add_months('family_members.start_month_start_date', -12) }}
        and person_months.month_start_date <= {{ add_months('family_members.start_month_start_date', 11) }}
    left join {{ ref('stg_cases__grants') }} as grants on grants.grant_id = person_months.grant_id
),

summed as (
    select
        case_id,
        family_dimension,
        family_anchor,
        sum(case when follow_up_window = 'before' then cost_dkk else 0 end) as cost_before_dkk,
        sum(case when follow_up_window = 'after' then cost_dkk else 0 end) as cost_after_dkk,
        count(distinct case when follow_up_window = 'before' then caseworker_id end) as n_caseworkers_before,
        count(distinct case when follow_up_window = 'after' then caseworker_id end) as n_caseworkers_after,
        count(distinct case when follow_up_window = 'before' then department end) as n_departments_before,
        count(distinct case when follow_up_window = 'after' then department end) as n_departments_after,
        count(distinct case when follow_up_window = 'before' then service_id end) as n_services_before,
        count(distinct case when follow_up_window = 'after' then service_id end) as n_services_after
    from windowed
    group by case_id, family_dimension, family_anchor
)

select
    intervention_families.case_id,
    intervention_families.grant_id,
    intervention_families.area,
    intervention_families.benefit_type_code,
    intervention_families.benefit_type_name,
    intervention_families.legal_basis,
    intervention_families.start_date,
    intervention_families.fiscal_year,
    intervention_families.family_dimension,
    intervention_families.family_anchor,
    coalesce(summed.cost_before_dkk, 0) as cost_before_dkk,
    coalesce(summed.cost_after_dkk, 0) as cost_after_dkk,
    coalesce(summed.n_caseworkers_before, 0) as n_caseworkers_before,
    coalesce(summed.n_caseworkers_after, 0) as n_caseworkers_after,
    coalesce(summed.n_departments_before, 0) as n_departments_before,
    coalesce(summed.n_departments_after, 0) as n_departments_after,
    coalesce(summed.n_services_before, 0) as n_services_before,
    coalesce(summed.n_services_after, 0) as n_services_after
from intervention_families
left join summed
    on summed.case_id = intervention_families.case_id
    and summed.family_dimension = intervention_families.family_dimension
    and summed.family_anchor = intervention_families.family_anchor
