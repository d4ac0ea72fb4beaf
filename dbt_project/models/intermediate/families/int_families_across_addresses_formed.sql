{#- One rule (families.md, the family across addresses): a couple or a single adult at an
    address with ALL children of either adult (CPR mother/father links), wherever they live —
    common children, særbørn here and særbørn at other addresses. A child at another address
    belongs while it meets the rules of a child living at home (under the age limit, never
    married, no children of its own) and has a residence; with parents at two addresses it
    belongs to both families. A `barn uden forældre` who belongs to no parent's family keeps
    its own. Roles: `adult`, `common_child` / `stepchild_here` (living at the family's
    address; a child of every adult / of one partner), `child_elsewhere`, `other`. -#}
-- depends_on: {{ ref('int_family_years_fingerprinted') }}
with at_address as (
    select * from {{ ref('int_families_at_address_formed') }}
    where {{ is_family_year_to_build('fiscal_year') }}  -- the years rebuilt tonight (macros/family_years_kept.sql)
),

adults as (
    select fiscal_year, reference_date, anchor_cpr, address_key, couple_kind, cpr, age
    from at_address
    where role = 'adult'
),

family_adults as (
    select fiscal_year, anchor_cpr, count(*) as n_adults
    from adults
    group by fiscal_year, anchor_cpr
),

children_of_adults as (
    -- every child of an adult of the family who meets the child rules on the date
    select
        adults.fiscal_year,
        adults.reference_date,
        adults.anchor_cpr,
        adults.address_key as family_address_key,
        adults.couple_kind,
        parents.child_cpr as cpr,
        count(*) as n_adult_parents
    from adults
    inner join {{ ref('int_person_parents_listed') }} as parents on parents.parent_cpr = adults.cpr
    inner join {{ ref('int_children_at_home_identified') }} as child_rules
        on child_rules.cpr = parents.child_cpr
        and child_rules.fiscal_year = adults.fiscal_year
        and child_rules.meets_child_rules
        and {{ is_family_year_to_build('child_rules.fiscal_year') }}
    group by adults.fiscal_year, adults.reference_date, adults.anchor_cpr, adults.address_key,
             adults.couple_kind, parents.child_cpr
),

children_placed as (
    select
        children_of_adults.fiscal_year,
        children_of_adults.reference_date,
        children_of_adults.anchor_cpr,
        children_of_adults.couple_kind,
        children_of_adults.cpr,
        child_home.age,
        case
            when child_home.address_key <> children_of_adults.family_address_key then 'child_elsewhere'
            when children_of_adults.n_adult_parents = family_adults.n_adults then 'common_child'
            else 'stepchild_here'
        end as role
    from children_of_adults
    inner join family_adults
        on family_adults.fiscal_year = children_of_adults.fiscal_year
        and family_adults.anchor_cpr = children_of_adults.anchor_cpr
    inner join at_address as child_home
        on child_home.fiscal_year = children_of_adults.fiscal_year
        and child_home.cpr = children_of_adults.cpr
),

lone_children as (
    select at_address.fiscal_year, at_address.reference_date, at_address.anchor_cpr,
           at_address.couple_kind, at_address.cpr, at_address.role, at_address.age
    from at_address
    left join children_placed
        on children_placed.fiscal_year = at_address.fiscal_year
        and children_placed.cpr = at_address.cpr
    where at_address.couple_kind = 'none'
      and children_placed.cpr is null
)

select fiscal_year, reference_date, anchor_cpr, couple_kind, cpr, 'adult' as role, age
from adults
union all
select fiscal_year, reference_date, anchor_cpr, couple_kind, cpr, role, age
from children_placed
union all
select fiscal_year, reference_date, anchor_cpr, couple_kind, cpr, role, age
from lone_children
