{#- The grant-type inventory for the move to KY (spending.md): per benefit_type_code the open
    cases (an open case is a case with at least one grant running on as_of; counted under the
    type of its running grants), the persons and grant rows running on as_of (as_of in
    [start_date, end_date], end empty = running; a one-off without end runs on its start day
    only), all grant rows, this fiscal year's expected spending, the departments using it, and
    the decision from the seed `grant_type_mapping`; `listing_rank` puts the unmapped codes
    first. -#}
with grants as (
    select
        *,
        start_date <= {{ as_of_date() }}
            and coalesce(end_date, case when price_unit = 'once' then start_date end, {{ as_of_date() }})
                >= {{ as_of_date() }} as is_open
    from {{ ref('stg_cases__grants') }}
),

expected as (
    select benefit_type_code, sum(expected_dkk) as expected_spending_dkk
    from {{ ref('expected_spending_by_grant') }}
    where fiscal_year = extract(year from {{ as_of_date() }})
    group by benefit_type_code
),

departments as (
    select benefit_type_code,
           {{ dbt.listagg('department', "', '", 'order by department') }} as departments
    from (select distinct benefit_type_code, department from grants where department is not null) as used
    group by benefit_type_code
),

inventory as (
    select
        grants.benefit_type_code,
        max(grants.benefit_type_name) as benefit_type_name,
        count(distinct case when grants.is_open then grants.case_id end) as n_open_cases,
        count(distinct case when grants.is_open then grants.cpr end) as n_open_persons,
        sum(case when grants.is_open then 1 else 0 end) as n_open_grants,
        count(*) as n_grants,
        count(distinct grants.cpr) as n_persons
    from grants
    group by grants.benefit_type_code
)

select
    row_number() over (
        order by case when mapping.benefit_type_code is null then 0 else 1 end, inventory.benefit_type_code
    ) as listing_rank,
    inventory.benefit_type_code,
    inventory.benefit_type_name,
    mapping.benefit_type_code is not null as is_mapped,
    mapping.decision,
    mapping.ky_benefit_type,
    inventory.n_open_cases,
    inventory.n_open_persons,
    inventory.n_open_grants,
    inventory.n_grants,
    inventory.n_persons,
    coalesce(expected.expected_spending_dkk, 0) as expected_spending_dkk,
    departments.departments
from inventory
left join {{ ref('grant_type_mapping') }} as mapping on mapping.benefit_type_code = inventory.benefit_type_code
left join expected on expected.benefit_type_code = inventory.benefit_type_code
left join departments on departments.benefit_type_code = inventory.benefit_type_code
