{#- Who is in which family (families.md): one row per family and member, with the member's role
    and the number of families of the same dimension and year the member belongs to. -#}
with members as (
    select * from {{ ref('int_family_members_unioned') }}
),

keys as (
    select * from {{ ref('int_family_keys_assigned') }}
)

select
    keys.family_key,
    person_keys.person_key,
    members.family_dimension,
    members.fiscal_year,
    members.role,
    members.is_adult,
    members.n_families_shared
from members
inner join keys
    on keys.fiscal_year = members.fiscal_year
    and keys.family_dimension = members.family_dimension
    and keys.family_anchor = members.family_anchor
inner join {{ ref('stg_keys__person_keys') }} as person_keys on person_keys.cpr = members.cpr
