{#- Who is in which family (families.md): one row per family and member, with the member's role
    and the number of families of the same dimension and year the member belongs to. The family
    key is computed here from the member row's own anchor (macro family_key, as in
    int_families_described) rather than looked up among the 7.4M described families at 1M citizens:
    two joins to the 1.1M person keys cost less (bridge 23-26 s → 18-19 s; issue #14). The
    relationships test to dim_family proves every key names a described family.
    Kept from the served file for the fiscal years whose inputs did not change (the analysts'
    file's ops.family_years_built; macros/family_years_kept.sql): only the other years are
    computed and appended. -#}
-- depends_on: {{ ref('int_family_years_fingerprinted') }}
with members as (
    select * from {{ ref('int_family_members_unioned') }}
    where {{ is_family_year_to_build('fiscal_year', 'is_bridge_kept') }}
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
