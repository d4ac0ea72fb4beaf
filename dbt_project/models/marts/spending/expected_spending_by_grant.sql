{#- Expected spending per grant and fiscal year (spending.md): the grant's cost in the year by
    its price unit, booked by the cut-off, remaining, expected. Pseudonymous. -#}
with expected as (
    select * from {{ ref('int_grants_spending_expected') }}
),

grants as (
    select * from {{ ref('stg_cases__grants') }}
),

years as (
    select fiscal_year, cutoff_date from {{ ref('int_fiscal_years_listed') }}
)

select
    expected.grant_id,
    grants.case_id,
    person_keys.person_key,
    expected.fiscal_year,
    years.cutoff_date,
    grants.function_code,
    coalesce(areas.area, 'other') as area,
    grants.legal_basis,
    grants.benefit_type_code,
    grants.benefit_type_name,
    grants.provider_id,
    grants.start_date,
    grants.end_date,
    grants.price,
    grants.price_unit,
    grants.hours_per_week,
    expected.cost_year_dkk,
    expected.cost_after_cutoff_dkk,
    expected.booked_dkk,
    expected.booked_after_cutoff_dkk,
    expected.remaining_dkk,
    expected.expected_dkk
from expected
inner join grants on grants.grant_id = expected.grant_id
inner join years on years.fiscal_year = expected.fiscal_year
left join {{ ref('int_functions_area_mapped') }} as areas on areas.function_code = grants.function_code
left join {{ ref('stg_keys__person_keys') }} as person_keys on person_keys.cpr = grants.cpr
