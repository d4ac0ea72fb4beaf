{#- Who is in which family (families.md), keyed for analysts: one row per family and member, with
    the member's person_key, role and the number of families of the same dimension and year the
    member belongs to. The family key is computed from the member row's own anchor (macro
    family_key, as in int_families_summarised) rather than looked up among the 7.4M described
    families at 1M citizens: two joins to the 1.1M person keys cost less (issue #14). Kept from
    night to night with the compositions (macros/family_years_kept.sql); bridge_family_person
    publishes it. -#}
-- depends_on: {{ ref('int_family_years_fingerprinted') }}
with members as (
    select * from {{ ref('int_family_members_unioned') }}
    where {{ is_family_year_to_build('fiscal_year') }}  -- the years rebuilt tonight
),

person_keys as (
    select * from {{ ref('stg_keys__person_keys') }}
)

select
    {{ family_key('members.family_dimension', 'members.fiscal_year', 'members.family_anchor',
                  'anchor_keys.person_key') }} as family_key,
    member_keys.person_key,
    members.family_dimension,
    members.fiscal_year,
    members.role,
    members.is_adult,
    members.n_families_shared
from members
inner join person_keys as member_keys on member_keys.cpr = members.cpr
left join person_keys as anchor_keys
    on members.family_dimension <> 'household'
    and anchor_keys.cpr = members.family_anchor
