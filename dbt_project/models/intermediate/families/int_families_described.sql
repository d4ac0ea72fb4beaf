{#- One row per family of each dimension and fiscal year: its type (seed `family_types`), its
    household's multi_family mark, its size, the address and postal code where it lives, and
    the age of its oldest adult (of its oldest member when it has no adult). Adults are the
    members who are an adult of their own family at the address; everyone else is a child. A household takes
    the type of its largest family; a family across addresses the couple kind of its adults,
    with children when any child (here or elsewhere) belongs to it.
    Each dimension is summed from its own model (the family at an address is already summed in
    int_families_at_address_typed) rather than from the 15.7M member rows of all three at 1M
    citizens in one grouping — the same numbers at a third of the cost (issue #14). -#}
with persons as (
    select * from {{ ref('int_persons_on_reference_dates') }}
),

family_types_lookup as (
    select * from {{ ref('family_types') }}
),

addresses as (
    -- persons at one address may disagree on its postal code (003 rule): the lowest is used
    select fiscal_year, address_key, max(municipality_code) as municipality_code,
           min(postal_code) as postal_code, max(is_in_our_municipality) as is_in_our_municipality,
           max(is_at_residential_offer) as is_institution_address
    from persons
    group by fiscal_year, address_key
),

households as (
    -- a household is its address: anchor and address are the address key
    select
        fiscal_year,
        reference_date,
        address_key,
        min(family_type_code) as family_type_code,  -- one per address (its largest family's)
        {{ dbt.bool_or('is_multi_family') }} as is_multi_family,
        count(*) as n_members,
        sum(case when is_adult_at_address then 1 else 0 end) as n_adults,
        sum(case when is_adult_at_address then 0 else 1 end) as n_children,
        max(case when is_adult_at_address then age end) as oldest_adult_age,
        max(age) as oldest_member_age
    from {{ ref('int_households_formed') }}
    group by fiscal_year, reference_date, address_key
),

at_address as (
    select * from {{ ref('int_families_at_address_typed') }}
),

across_addresses as (
    -- lives at the address of its anchor's family at the address (every anchor across
    -- addresses anchors a family at an address)
    select
        across.fiscal_year,
        across.reference_date,
        across.anchor_cpr,
        max(across.couple_kind) as couple_kind,
        max(case when across.role = 'adult' or across.couple_kind = 'none' then 0 else 1 end) = 1 as has_children,
        count(*) as n_members,
        sum(case when across.role = 'adult' then 1 else 0 end) as n_adults,
        sum(case when across.role = 'adult' then 0 else 1 end) as n_children,
        max(case when across.role = 'adult' then across.age end) as oldest_adult_age,
        max(across.age) as oldest_member_age
    from {{ ref('int_families_across_addresses_formed') }} as across
    group by across.fiscal_year, across.reference_date, across.anchor_cpr
),

families as (
    select fiscal_year, reference_date, 'household' as family_dimension, address_key as family_anchor,
           cast(null as {{ dbt.type_string() }}) as anchor_cpr, family_type_code,
           n_members, n_adults, n_children, oldest_adult_age, oldest_member_age, address_key
    from households
    union all
    select fiscal_year, reference_date, 'family_at_address', anchor_cpr, anchor_cpr, family_type_code,
           n_members, n_adults, n_children, oldest_adult_age, oldest_member_age, address_key
    from at_address
    union all
    select across_addresses.fiscal_year, across_addresses.reference_date, 'family_across_addresses',
           across_addresses.anchor_cpr, across_addresses.anchor_cpr, family_types.family_type_code,
           across_addresses.n_members, across_addresses.n_adults, across_addresses.n_children,
           across_addresses.oldest_adult_age, across_addresses.oldest_member_age,
           anchor_family.address_key
    from across_addresses
    inner join family_types_lookup as family_types
        on family_types.couple_kind = across_addresses.couple_kind
        and family_types.has_children = across_addresses.has_children
    left join at_address as anchor_family
        on anchor_family.fiscal_year = across_addresses.fiscal_year
        and anchor_family.anchor_cpr = across_addresses.anchor_cpr
)

select
    families.fiscal_year,
    families.reference_date,
    families.family_dimension,
    families.family_anchor,
    -- the family's pseudonymous key (int_family_keys_assigned reads it from here)
    {{ family_key('families.family_dimension', 'families.fiscal_year', 'families.family_anchor',
                  'anchor_keys.person_key') }} as family_key,
    families.anchor_cpr,
    families.family_type_code,
    family_types.family_type,
    household_of_address.is_multi_family as multi_family,
    families.n_members,
    families.n_adults,
    families.n_children,
    coalesce(families.oldest_adult_age, families.oldest_member_age) as oldest_adult_age,
    families.address_key,
    address.municipality_code,
    address.postal_code,
    address.is_in_our_municipality,
    address.is_institution_address
from families
inner join family_types_lookup as family_types
    on family_types.family_type_code = families.family_type_code
left join households as household_of_address
    on household_of_address.fiscal_year = families.fiscal_year
    and household_of_address.address_key = families.address_key
left join addresses as address
    on address.fiscal_year = families.fiscal_year
    and address.address_key = families.address_key
left join {{ ref('stg_keys__person_keys') }} as anchor_keys
    on families.family_dimension <> 'household'
    and anchor_keys.cpr = families.family_anchor
