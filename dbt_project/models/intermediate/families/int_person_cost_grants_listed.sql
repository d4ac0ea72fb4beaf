{#- One rule (families.md, contacts): the grants (services) behind a person's cost in a fiscal
    year are the grants its cost postings belong to, with their caseworker, department and
    price. -#}
with grants_behind as (
    select distinct cpr, fiscal_year, grant_id
    from {{ ref('int_person_cost_postings_selected') }}
    where grant_id is not null
)

select
    grants_behind.cpr,
    grants_behind.fiscal_year,
    grants_behind.grant_id,
    grants.case_id,
    grants.caseworker_id,
    grants.department,
    grants.area,
    grants.legal_basis,
    grants.benefit_type_code,
    grants.benefit_type_name,
    grants.price,
    grants.price_unit
from grants_behind
inner join {{ ref('stg_cases__grants') }} as grants on grants.grant_id = grants_behind.grant_id
