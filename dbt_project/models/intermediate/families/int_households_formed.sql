{#- One rule (families.md, Danmarks Statistik's household): everyone registered at the same
    address, whatever their relations. A household with more than one family is typed by its
    largest family (most members; then the family type's order, then the anchor) and marked
    multi_family. A member's role is their role in that family, else `other`. -#}
-- depends_on: {{ ref('int_family_years_fingerprinted') }}
with members as (
    select * from {{ ref('int_families_at_address_formed') }}
    where {{ is_family_year_to_build('fiscal_year') }}  -- the years rebuilt tonight (macros/family_years_kept.sql)
),

largest as (
    -- one pass per address instead of a window: the largest family (most members, then the
    -- family type's order, then the anchor — a strict order, the anchor being unique) and the
    -- number of families
    select
        fiscal_year,
        address_key,
        arg_min(
            struct_pack(anchor_cpr := anchor_cpr, family_type_code := family_type_code),
            struct_pack(minus_members := -n_members, type_order := family_type_sort_order,
                        anchor_cpr := anchor_cpr)
        ) as family,
        count(*) as n_families
    from {{ ref('int_families_at_address_typed') }}
    where {{ is_family_year_to_build('fiscal_year') }}
    group by fiscal_year, address_key
)

select
    members.fiscal_year,
    members.reference_date,
    members.address_key,
    members.cpr,
    case when members.anchor_cpr = largest.family.anchor_cpr then members.role else 'other' end as role,
    members.role = 'adult' as is_adult_at_address,
    members.age,
    largest.family.family_type_code as family_type_code,
    largest.n_families,
    largest.n_families > 1 as is_multi_family
from members
inner join largest
    on largest.fiscal_year = members.fiscal_year and largest.address_key = members.address_key
