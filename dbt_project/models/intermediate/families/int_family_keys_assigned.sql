{#- One rule: a family's pseudonymous key = md5 of dimension, fiscal year and anchor — the
    anchor person's person_key (never the CPR number), or the address key of a household — so
    the same family keeps its key through a fiscal year's nights. -#}
with families as (
    select fiscal_year, family_dimension, family_anchor
    from {{ ref('int_families_described') }}
),

anchors as (
    select
        families.*,
        case when families.family_dimension = 'household' then families.family_anchor
             else person_keys.person_key end as anchor_key
    from families
    left join {{ ref('stg_keys__person_keys') }} as person_keys
        on families.family_dimension <> 'household'
        and person_keys.cpr = families.family_anchor
)

select
    fiscal_year,
    family_dimension,
    family_anchor,
    {{ dbt.hash(dbt.concat([
        'family_dimension', "'|'", dbt.cast('fiscal_year', dbt.type_string()), "'|'",
        "coalesce(anchor_key, '')"])) }} as family_key
from anchors
