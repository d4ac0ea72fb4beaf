{#- One row per family, dimension and fiscal year (composition on min(as_of, 31 December Y)):
    households, families at one address and families across addresses (families.md). The
    family key comes with the described family (int_families_described: a view, computed here
    and written once; issue #14). -#}
with families as (
    select * from {{ ref('int_families_described') }}
)

select
    families.family_key,
    families.family_dimension,
    families.fiscal_year,
    families.reference_date,
    families.reference_date = {{ as_of_date() }} as is_current,
    families.family_type,
    families.family_type_code,
    families.multi_family,
    families.n_adults,
    families.n_children,
    families.n_members,
    families.oldest_adult_age,
    families.municipality_code,
    families.postal_code,
    coalesce(families.is_in_our_municipality, false) as is_in_our_municipality,
    coalesce(families.is_institution_address, false) as is_institution_address
from families
