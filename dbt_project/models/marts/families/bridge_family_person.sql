{#- Who is in which family (families.md): one row per family and member, with the member's role
    and the number of families of the same dimension and year the member belongs to — the
    keyed members as kept from night to night (int_family_members_keyed). The relationships
    test to dim_family proves every key names a described family. -#}
select
    family_key,
    person_key,
    family_dimension,
    fiscal_year,
    role,
    is_adult,
    n_families_shared
from {{ ref('int_family_members_keyed') }}
