{#- One rule: a family's pseudonymous key = md5 of dimension, fiscal year and anchor — the
    anchor person's person_key (never the CPR number), or the address key of a household — so
    the same family keeps its key through a fiscal year's nights. The key is computed once, in
    int_families_described; this view keeps the lookup (and its tests) without writing a table. -#}
select
    fiscal_year,
    family_dimension,
    family_anchor,
    family_key
from {{ ref('int_families_described') }}
