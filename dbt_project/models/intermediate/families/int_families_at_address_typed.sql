{#- One rule (families.md): a family at one address is typed by the seed `family_types` from
    its couple kind and whether children live at home (ægtepar / samlevende / samboende par,
    enlig, med / uden børn; barn uden forældre). -#}
-- depends_on: {{ ref('int_family_years_fingerprinted') }}
with members as (
    select * from {{ ref('int_families_at_address_formed') }}
    where {{ is_family_year_to_build('fiscal_year') }}  -- the years rebuilt tonight (macros/family_years_kept.sql)
),

families as (
    select
        fiscal_year,
        reference_date,
        anchor_cpr,
        address_key,
        max(couple_kind) as couple_kind,
        count(*) as n_members,
        sum(case when role = 'adult' then 1 else 0 end) as n_adults,
        sum(case when role = 'adult' then 0 else 1 end) as n_children,
        max(case when role = 'adult' then age end) as oldest_adult_age,
        max(age) as oldest_member_age,
        max(case when role in ('common_child', 'stepchild_here') then 1 else 0 end) = 1 as has_children
    from members
    group by fiscal_year, reference_date, anchor_cpr, address_key
)

select
    families.*,
    family_types.family_type_code,
    family_types.sort_order as family_type_sort_order
from families
inner join {{ ref('family_types') }} as family_types
    on family_types.couple_kind = families.couple_kind
    and family_types.has_children = families.has_children
