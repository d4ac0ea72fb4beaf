{#- One rule (families.md): a person's parents are the CPR mother/father links — record 015 on
    the child and record 014 on the parent (int_person_relations_unioned holds both, in both
    directions). `parent_role` is mother/father from 015, else from the parent's sex. -#}
with child_links as (
    select cpr as parent_cpr, related_cpr as child_cpr
    from {{ ref('int_person_relations_unioned') }}
    where relation = 'child'
),

stated_roles as (
    select cpr as child_cpr, related_cpr as parent_cpr, relation as parent_role
    from {{ ref('int_person_relations_unioned') }}
    where relation in ('mother', 'father')
),

persons as (
    select cpr, sex, birth_date from {{ ref('stg_folkeregister__persons') }}
)

select
    child_links.child_cpr,
    child_links.parent_cpr,
    coalesce(
        stated_roles.parent_role,
        case parents.sex when 'K' then 'mother' when 'M' then 'father' end,
        'parent'
    ) as parent_role,
    children.birth_date as child_birth_date
from child_links
left join stated_roles
    on stated_roles.child_cpr = child_links.child_cpr
    and stated_roles.parent_cpr = child_links.parent_cpr
left join persons as parents on parents.cpr = child_links.parent_cpr
left join persons as children on children.cpr = child_links.child_cpr
