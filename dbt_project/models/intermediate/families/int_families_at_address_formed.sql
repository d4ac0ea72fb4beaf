{#- One rule (families.md, Danmarks Statistik's family at one address): a couple or a single
    adult with the children living at home; a child under 18 living with no parent (and with no
    child of its own at home) forms its own family. Everyone resident on the reference date is
    in exactly one family. The family is anchored on its older partner (couples), its adult
    (singles) or the child. A minor who is not a child at home but lives with a parent (married,
    or with a child of its own) is an adult of its own family there. Roles: `adult`, `common_child` (a child of every adult of the
    family), `stepchild_here` (a child of only one partner), `other` (the child of a `barn uden
    forældre` family, which has no adult). -#}
with persons as (
    select * from {{ ref('int_persons_on_reference_dates') }}
),

children as (
    select * from {{ ref('int_children_at_home_identified') }}
),

couples as (
    select * from {{ ref('int_couples_paired') }}
),

partners as (
    select fiscal_year, first_cpr as cpr, first_cpr as anchor_cpr, second_cpr as partner_cpr, couple_kind
    from couples
    union all
    select fiscal_year, second_cpr, first_cpr, first_cpr, couple_kind
    from couples
),

heads_with_children_at_home as (
    select distinct fiscal_year, home_parent_cpr as cpr
    from children
    where is_child_at_home
),

heads as (
    -- everyone who is not a child living at home heads or co-heads a family
    select
        persons.fiscal_year,
        persons.cpr,
        coalesce(partners.anchor_cpr, persons.cpr) as anchor_cpr,
        partners.partner_cpr,
        case
            when partners.cpr is not null then partners.couple_kind
            when persons.age < 18 and not children.has_parent_at_home
                and heads_with_children_at_home.cpr is null then 'none'
            else 'single'
        end as couple_kind
    from persons
    inner join children
        on children.cpr = persons.cpr and children.fiscal_year = persons.fiscal_year
    left join partners
        on partners.cpr = persons.cpr and partners.fiscal_year = persons.fiscal_year
    left join heads_with_children_at_home
        on heads_with_children_at_home.cpr = persons.cpr
        and heads_with_children_at_home.fiscal_year = persons.fiscal_year
    where not children.is_child_at_home
),

children_at_home as (
    select
        children.fiscal_year,
        children.cpr,
        heads.anchor_cpr,
        heads.partner_cpr as home_parent_partner_cpr,
        heads.couple_kind
    from children
    inner join heads
        on heads.cpr = children.home_parent_cpr and heads.fiscal_year = children.fiscal_year
    where children.is_child_at_home
),

children_parentage as (
    -- a child of a couple is common when the home parent's partner is its parent too
    select
        children_at_home.*,
        partner_parentage.child_cpr is not null as is_child_of_partner
    from children_at_home
    left join {{ ref('int_person_parents_listed') }} as partner_parentage
        on partner_parentage.child_cpr = children_at_home.cpr
        and partner_parentage.parent_cpr = children_at_home.home_parent_partner_cpr
),

members as (
    select
        fiscal_year, cpr, anchor_cpr, couple_kind,
        case when couple_kind = 'none' then 'other' else 'adult' end as role
    from heads
    union all
    select
        fiscal_year, cpr, anchor_cpr, couple_kind,
        case
            when home_parent_partner_cpr is null or is_child_of_partner then 'common_child'
            else 'stepchild_here'
        end
    from children_parentage
)

select
    members.fiscal_year,
    persons.reference_date,
    members.cpr,
    members.anchor_cpr,
    members.couple_kind,
    members.role,
    persons.address_key,
    persons.age
from members
inner join persons on persons.cpr = members.cpr and persons.fiscal_year = members.fiscal_year
