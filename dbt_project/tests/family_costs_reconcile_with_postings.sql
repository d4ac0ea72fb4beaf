{#- families.md: every posting on a resident is counted once in the household dimension. Per
    fiscal year, the costs of the households in our municipality equal the cost postings of
    fct_postings (dranst 1 on a person, refunds from others left out) on the persons living in
    our municipality on the year's reference date. Returns the years that differ. -#}
with households as (
    select families.fiscal_year, sum(costs.total_cost_dkk) as household_cost_dkk
    from {{ ref('fct_family_costs') }} as costs
    inner join {{ ref('dim_family') }} as families on families.family_key = costs.family_key
    where families.family_dimension = 'household' and families.is_in_our_municipality
    group by families.fiscal_year
),

residents as (
    select persons.fiscal_year, person_keys.person_key
    from {{ ref('int_persons_on_reference_dates') }} as persons
    inner join {{ ref('stg_keys__person_keys') }} as person_keys on person_keys.cpr = persons.cpr
    where persons.is_in_our_municipality
),

postings as (
    select postings.fiscal_year, sum(postings.amount) as posted_cost_dkk
    from {{ ref('fct_postings') }} as postings
    inner join residents
        on residents.person_key = postings.person_key
        and residents.fiscal_year = postings.fiscal_year
    where postings.dranst = 1 and postings.art not in ('7.6', '7.7', '7.8')
    group by postings.fiscal_year
)

select
    coalesce(households.fiscal_year, postings.fiscal_year) as fiscal_year,
    households.household_cost_dkk,
    postings.posted_cost_dkk
from households
full outer join postings on postings.fiscal_year = households.fiscal_year
where coalesce(households.household_cost_dkk, 0) <> coalesce(postings.posted_cost_dkk, 0)
