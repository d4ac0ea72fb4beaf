{#- The lookup of a family's pseudonymous key (the rule: macro family_key), computed where the
    family is described (int_families_described); this view keeps the lookup (and its tests)
    without writing a table. -#}
select
    fiscal_year,
    family_dimension,
    family_anchor,
    family_key
from {{ ref('int_families_described') }}
