{#- Expected spending per grant and fiscal year (spending.md): the grant's cost over its active
    days in the year by its price unit, booked by as_of, remaining, expected. `area` is the
    grant's own area (the case system's); `function_area` is its function's area, the one
    expected_spending groups by. Pseudonymous. -#}
with expected as (
    select * from {{ ref('int_grants_spending_expected') }}
),

grants as (
    select * from {{ ref('stg_cases__grants') }}
)

select
    expected.grant_id,
    grants.case_id,
    person_keys.person_key,
    expected.fiscal_year,
    grants.function_code,
    grants.area,
    coalesce(areas.area, 'other') as function_area,
    grants.legal_basis,
    grants.benefit_type_code,
    grants.benefit_type_name,
    grants.provider_id,
    grants.start_date,
    grants.end_date,
    grants.price,
    grants.price_unit,
    grants.hours_per_week,
    active.active_end_date,
    case when active.grant_id is null then 'no_active_days' else active.active_end_reason end as active_end_reason,
    expected.active_days,
    expected.cost_year_dkk,
    expected.booked_dkk,
    expected.booked_in_year_dkk,
    expected.remaining_dkk,
    expected.expected_dkk
from expected
inner join grants on grants.grant_id = expected.grant_id
left join {{ ref('int_grants_active_periods_bounded') }} as active on active.grant_id = expected.grant_id
left join {{ ref('int_functions_area_mapped') }} as areas on areas.function_code = grants.function_code
left join {{ ref('stg_keys__person_keys') }} as person_keys on person_keys.cpr = grants.cpr
