{#- One row per grant (bevilling) with its monthly cost (checks.md §2, unrounded) and the
    pseudonymous person key. -#}
with grants as (
    select * from {{ ref('stg_cases__grants') }}
),

monthly_costs as (
    select * from {{ ref('int_grants_monthly_costed') }}
),

person_keys as (
    select * from {{ ref('stg_keys__person_keys') }}
)

select
    grants.grant_id,
    grants.case_id,
    person_keys.person_key,
    grants.area,
    grants.legal_basis,
    grants.benefit_type_code,
    grants.benefit_type_name,
    grants.provider_id,
    grants.function_code,
    grants.start_date,
    grants.end_date,
    grants.price,
    grants.price_unit,
    grants.hours_per_week,
    monthly_costs.monthly_cost,
    grants.acting_municipality_code,
    grants.paying_municipality_code,
    grants.placed_by_municipality_code,
    grants.case_status,
    grants.case_closed_date,
    grants.caseworker_id,
    grants.department,
    grants.start_date <= {{ as_of_date() }}
        and (grants.end_date is null or grants.end_date >= {{ as_of_date() }})
        and grants.price_unit <> 'once' as is_open_on_as_of
from grants
left join monthly_costs on monthly_costs.grant_id = grants.grant_id
left join person_keys on person_keys.cpr = grants.cpr
