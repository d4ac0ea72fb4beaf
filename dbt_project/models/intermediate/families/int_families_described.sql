{#- One row per family of each dimension and fiscal year: its type (seed `family_types`), its
    household's multi_family mark, its size, the address and postal code where it lives, and
    the age of its oldest adult (of its oldest member when it has no adult). Adults are the
    members who are an adult of their own family at the address; everyone else is a child. A household takes
    the type of its largest family; a family across addresses the couple kind of its adults,
    with children when any child (here or elsewhere) belongs to it. -#}
with members as (
    select * from {{ ref('int_family_members_unioned') }}
),

persons as (
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
    select distinct fiscal_year, address_key, family_type_code, is_multi_family
    from {{ ref('int_households_formed') }}
),

at_address as (
    select fiscal_year, anchor_cpr, address_key, family_type_code
    from {{ ref('int_families_at_address_typed') }}
),

across_addresses as (
    select
        fiscal_year,
        anchor_cpr,
        max(couple_kind) as couple_kind,
        max(case when role = 'adult' or couple_kind = 'none' then 0 else 1 end) = 1 as has_children
    from {{ ref('int_families_across_addresses_formed') }}
    group by fiscal_year, anchor_cpr
),

across_typed as (
    select across_addresses.fiscal_year, across_addresses.anchor_cpr, family_types.family_type_code
    from across_addresses
    inner join {{ ref('family_types') }} as family_types
        on family_types.couple_kind = across_addresses.couple_kind
        and family_types.has_children = across_addresses.has_children
),

sizes as (
    select
        members.fiscal_year,
        members.reference_date,
        members.family_dimension,
        members.family_anchor,
        count(*) as n_members,
        sum(case when members.is_adult then 1 else 0 end) as n_adults,
        sum(case when members.is_adult then 0 else 1 end) as n_children,
        max(case when members.is_adult then persons.age end) as oldest_adult_age,
        max(persons.age) as oldest_member_age
    from members
    inner join persons on persons.cpr = members.cpr and persons.fiscal_year = members.fiscal_year
    group by members.fiscal_year, members.reference_date, members.family_dimension, members.family_anchor
),

family_addresses as (
    -- a household is its address; the other families live at their anchor person's address
    select
        sizes.*,
        case when sizes.family_dimension = 'household' then sizes.family_anchor
             else anchors.address_key end as address_key
    from sizes
    left join persons as anchors
        on sizes.family_dimension <> 'household'
        and anchors.cpr = sizes.family_anchor
        and anchors.fiscal_year = sizes.fiscal_year
)

select
    family_addresses.fiscal_year,
    family_addresses.reference_date,
    family_addresses.family_dimension,
    family_addresses.family_anchor,
    -- the family's pseudonymous key (int_family_keys_assigned reads it from here): md5 of
    -- dimension, fiscal year and anchor — the anchor person's person_key, or a household's address key
    {{ dbt.hash(dbt.concat([
        'family_addresses.family_dimension', "'|'", dbt.cast('family_addresses.fiscal_year', dbt.type_string()), "'|'",
        "coalesce(case when family_addresses.family_dimension = 'household' then family_addresses.family_anchor
                       else anchor_keys.person_key end, '')"])) }} as family_key,
    case when family_addresses.family_dimension = 'household' then null
         else family_addresses.family_anchor end as anchor_cpr,
    coalesce(households.family_type_code, at_address.family_type_code, across_typed.family_type_code)
        as family_type_code,
    family_types.family_type,
    household_of_address.is_multi_family as multi_family,
    family_addresses.n_members,
    family_addresses.n_adults,
    family_addresses.n_children,
    coalesce(family_addresses.oldest_adult_age, family_addresses.oldest_member_age) as oldest_adult_age,
    family_addresses.address_key,
    address.municipality_code,
    address.postal_code,
    address.is_in_our_municipality,
    address.is_institution_address
from family_addresses
left join households
    on family_addresses.family_dimension = 'household'
    and households.fiscal_year = family_addresses.fiscal_year
    and households.address_key = family_addresses.family_anchor
left join at_address
    on family_addresses.family_dimension = 'family_at_address'
    and at_address.fiscal_year = family_addresses.fiscal_year
    and at_address.anchor_cpr = family_addresses.family_anchor
left join across_typed
    on family_addresses.family_dimension = 'family_across_addresses'
    and across_typed.fiscal_year = family_addresses.fiscal_year
    and across_typed.anchor_cpr = family_addresses.family_anchor
inner join family_types_lookup as family_types
    on family_types.family_type_code
        = coalesce(households.family_type_code, at_address.family_type_code, across_typed.family_type_code)
left join households as household_of_address
    on household_of_address.fiscal_year = family_addresses.fiscal_year
    and household_of_address.address_key = family_addresses.address_key
left join addresses as address
    on address.fiscal_year = family_addresses.fiscal_year
    and address.address_key = family_addresses.address_key
left join {{ ref('stg_keys__person_keys') }} as anchor_keys
    on family_addresses.family_dimension <> 'household'
    and anchor_keys.cpr = family_addresses.family_anchor
