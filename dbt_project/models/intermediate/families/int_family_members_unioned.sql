{#- The members of the three family dimensions in one shape: per fiscal year (composition on
    its reference date), dimension and family, who is in it and in which role, whether they are an adult (of their own family at the address), and in how many
    families of the dimension the person is (families.md: only family_across_addresses shares
    children between families). `family_anchor` is the address key of a household and the
    anchor person's CPR of the other two. -#}
with households as (
    select fiscal_year, reference_date, 'household' as family_dimension,
           address_key as family_anchor, cpr, role, is_adult_at_address as is_adult
    from {{ ref('int_households_formed') }}
),

at_address as (
    select fiscal_year, reference_date, 'family_at_address' as family_dimension,
           anchor_cpr as family_anchor, cpr, role, role = 'adult' as is_adult
    from {{ ref('int_families_at_address_formed') }}
),

across_addresses as (
    select fiscal_year, reference_date, 'family_across_addresses' as family_dimension,
           anchor_cpr as family_anchor, cpr, role, role = 'adult' as is_adult
    from {{ ref('int_families_across_addresses_formed') }}
),

unioned as (
    select * from households
    union all
    select * from at_address
    union all
    select * from across_addresses
)

select
    unioned.*,
    count(*) over (partition by fiscal_year, family_dimension, cpr) as n_families_shared
from unioned
