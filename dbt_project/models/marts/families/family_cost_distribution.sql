{#- Families living in our municipality that receive help (cost > 0 in the fiscal year) by
    dimension, year, family type, age band of the oldest adult (of the oldest member when the
    family has no adult) and postal code (families.md): how many, their share of all families
    of that cell, their total and median cost. -#}
with families as (
    select * from {{ ref('dim_family') }}
    where is_in_our_municipality
),

costs as (
    select family_key, total_cost_dkk from {{ ref('fct_family_costs') }}
),

banded as (
    select
        families.family_dimension,
        families.fiscal_year,
        families.family_type,
        age_bands.age_band,
        age_bands.sort_order as age_band_order,
        families.postal_code,
        coalesce(costs.total_cost_dkk, 0) as total_cost_dkk
    from families
    left join costs on costs.family_key = families.family_key
    left join {{ ref('family_age_bands') }} as age_bands
        on families.oldest_adult_age >= age_bands.min_age
        and (age_bands.max_age is null or families.oldest_adult_age <= age_bands.max_age)
)

select
    family_dimension,
    fiscal_year,
    family_type,
    age_band,
    postal_code,
    count(*) as n_families,
    sum(case when total_cost_dkk > 0 then 1 else 0 end) as n_families_with_cost,
    {{ decimal_ratio('sum(case when total_cost_dkk > 0 then 1 else 0 end)', 'count(*)', 6) }}
        as share_of_families,
    sum(case when total_cost_dkk > 0 then total_cost_dkk else 0 end) as total_cost_dkk,
    percentile_cont(0.5) within group (
        order by case when total_cost_dkk > 0 then total_cost_dkk end
    ) as median_cost_dkk
from banded
group by family_dimension, fiscal_year, family_type, age_band, age_band_order, postal_code
having sum(case when total_cost_dkk > 0 then 1 else 0 end) > 0
