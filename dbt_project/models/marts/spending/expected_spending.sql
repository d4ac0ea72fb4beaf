{#- Expected spending for the fiscal year (forventet regnskab, spending.md) per function, area,
    legal basis, benefit type and provider: booked by as_of, remaining of the grants,
    expected = booked + remaining; per function and area (the function's area from the
    function→area seed) also the corrected budget and the overspend (merforbrug, positive) =
    expected − budget, empty for the grant-level kinds (budgets exist per function only). Booked
    counts every dranst-1 expense posting of the year (persons or not); expense matched to no
    grant counts in its function and area, and in the grant-level kinds (legal basis, benefit
    type, provider) forms the row `uden bevilling`, so every kind adds up to the same total. -#}
with postings as (
    select
        booked.fiscal_year,
        booked.function_code,
        booked.grant_id,
        booked.booked_dkk
    from {{ ref('int_spending_postings_booked') }} as booked
),

grant_remaining as (
    select fiscal_year, grant_id, remaining_dkk
    from {{ ref('int_grants_spending_expected') }}
),

grants as (
    select grant_id, function_code, legal_basis, benefit_type_code, provider_id
    from {{ ref('stg_cases__grants') }}
),

areas as (
    select function_code, area from {{ ref('int_functions_area_mapped') }}
),

amounts as (
    -- one row per booked posting (booked) and per grant and year (remaining)
    select postings.fiscal_year, postings.function_code, postings.grant_id,
           postings.booked_dkk, cast(0 as decimal(18, 2)) as remaining_dkk
    from postings
    union all
    select grant_remaining.fiscal_year, grants.function_code, grant_remaining.grant_id,
           cast(0 as decimal(18, 2)), grant_remaining.remaining_dkk
    from grant_remaining
    inner join grants on grants.grant_id = grant_remaining.grant_id
),

described as (
    select
        amounts.*,
        coalesce(areas.area, 'other') as area,
        case when amounts.grant_id is null then 'uden bevilling' else grants.legal_basis end as legal_basis,
        case when amounts.grant_id is null then 'uden bevilling' else grants.benefit_type_code end as benefit_type_code,
        case when amounts.grant_id is null then 'uden bevilling' else grants.provider_id end as provider_id
    from amounts
    left join grants on grants.grant_id = amounts.grant_id
    left join areas on areas.function_code = amounts.function_code
),

grouped as (
    {%- set kinds = [('function', 'function_code'), ('area', 'area'), ('legal_basis', 'legal_basis'),
                     ('benefit_type', 'benefit_type_code'), ('provider', 'provider_id')] %}
    {%- for kind, column in kinds %}
    select
        fiscal_year,
        '{{ kind }}' as group_kind,
        {{ column }} as group_code,
        sum(booked_dkk) as booked_dkk,
        sum(remaining_dkk) as remaining_dkk
    from described
    group by fiscal_year, {{ column }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

budgets as (
    select fiscal_year, 'function' as group_kind, function_code as group_code,
           sum(corrected_budget_dkk) as budget_dkk
    from {{ ref('stg_economy__budgets') }}
    group by fiscal_year, function_code
    union all
    select budgets.fiscal_year, 'area', coalesce(areas.area, 'other'), sum(budgets.corrected_budget_dkk)
    from {{ ref('stg_economy__budgets') }} as budgets
    left join areas on areas.function_code = budgets.function_code
    group by budgets.fiscal_year, coalesce(areas.area, 'other')
),

with_budgets as (
    select
        coalesce(grouped.fiscal_year, budgets.fiscal_year) as fiscal_year,
        coalesce(grouped.group_kind, budgets.group_kind) as group_kind,
        coalesce(grouped.group_code, budgets.group_code) as group_code,
        coalesce(grouped.booked_dkk, 0) as booked_dkk,
        coalesce(grouped.remaining_dkk, 0) as remaining_dkk,
        budgets.budget_dkk
    from grouped
    full outer join budgets
        on budgets.fiscal_year = grouped.fiscal_year
        and budgets.group_kind = grouped.group_kind
        and budgets.group_code = grouped.group_code
)

select
    with_budgets.fiscal_year,
    with_budgets.group_kind,
    with_budgets.group_code,
    with_budgets.booked_dkk,
    with_budgets.remaining_dkk,
    with_budgets.booked_dkk + with_budgets.remaining_dkk as expected_dkk,
    with_budgets.budget_dkk,
    with_budgets.booked_dkk + with_budgets.remaining_dkk - with_budgets.budget_dkk as overspend_dkk,
    {{ decimal_ratio('(with_budgets.booked_dkk + with_budgets.remaining_dkk - with_budgets.budget_dkk) * 100',
                     'with_budgets.budget_dkk', 1) }} as overspend_pct
from with_budgets
inner join {{ ref('int_fiscal_years_listed') }} as years on years.fiscal_year = with_budgets.fiscal_year
