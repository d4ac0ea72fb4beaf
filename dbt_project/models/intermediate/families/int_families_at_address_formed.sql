{#- One rule (families.md, Danmarks Statistik's family at one address): a couple or a single
    adult with the children living at home; a child under 18 living with no parent (and with no
    child of its own at home) forms its own family. Everyone resident on the reference date is
    in exactly one family. The family is anchored on its older partner (couples), its adult
    (singles) or the child. A minor who is not a child at home but lives with a parent (married,
    or with a child of its own) is an adult of its own family there. Roles: `adult`, `common_child` (a child of every adult of the
    family), `stepchild_here` (a child of only one partner), `other` (the child of a `barn uden
    forældre` family, which has no adult). -#}
{#- Memory (issue #14): at 3M citizens this model did not fit a 2.5 GB ceiling. DuckDB keeps a
    CTE read twice in memory, so the tables of one row per resident and fiscal year (15.2M
    rows) are read `not materialized` (a scan, repeated) and only the heads are held, once (they
    are read twice, and computing them twice let both joins run side by side, which did not fit
    either); the residents' address and age come with int_children_at_home_identified instead of
    a second join of all persons at the end. -#}
-- depends_on: {{ ref('int_family_years_fingerprinted') }}
with residents as not materialized (
    -- every resident, with whether and where they are a child at home, in the years rebuilt
    -- tonight (macros/family_years_kept.sql)
    select * from {{ ref('int_children_at_home_identified') }}
    where {{ is_family_year_to_build('fiscal_year') }}
),

couples as not materialized (
    select * from {{ ref('int_couples_paired') }}
    where {{ is_family_year_to_build('fiscal_year') }}
),

partners as not materialized (
    select fiscal_year, first_cpr as cpr, first_cpr as anchor_cpr, second_cpr as partner_cpr, couple_kind
    from couples
    union all
    select fiscal_year, second_cpr, first_cpr, first_cpr, couple_kind
    from couples
),

heads_with_children_at_home as not materialized (
    select distinct fiscal_year, home_parent_cpr as cpr
    from residents
    where is_child_at_home
),

heads as materialized (
    -- everyone who is not a child living at home heads or co-heads a family
    select
        residents.fiscal_year,
        residents.reference_date,
        residents.cpr,
        coalesce(partners.anchor_cpr, residents.cpr) as anchor_cpr,
        partners.partner_cpr,
        case
            when partners.cpr is not null then partners.couple_kind
            when residents.age < 18 and not residents.has_parent_at_home
                and heads_with_children_at_home.cpr is null then 'none'
            else 'single'
        end as couple_kind,
        residents.address_key,
        residents.age
    from residents
    left join partners
        on partners.cpr = residents.cpr and partners.fiscal_year = residents.fiscal_year
    left join heads_with_children_at_home
        on heads_with_children_at_home.cpr = residents.cpr
        and heads_with_children_at_home.fiscal_year = residents.fiscal_year
    where not residents.is_child_at_home
),

children_at_home as (
    -- a child at home lives at its home parent's address (int_children_at_home_identified)
    select
        residents.fiscal_year,
        residents.reference_date,
        residents.cpr,
        heads.anchor_cpr,
        heads.partner_cpr as home_parent_partner_cpr,
        heads.couple_kind,
        residents.address_key,
        residents.age
    from residents
    inner join heads
        on heads.cpr = residents.home_parent_cpr and heads.fiscal_year = residents.fiscal_year
    where residents.is_child_at_home
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
)

select
    fiscal_year, reference_date, cpr, anchor_cpr, couple_kind,
    case when couple_kind = 'none' then 'other' else 'adult' end as role,
    address_key, age
from heads
union all
select
    fiscal_year, reference_date, cpr, anchor_cpr, couple_kind,
    case
        when home_parent_partner_cpr is null or is_child_of_partner then 'common_child'
        else 'stepchild_here'
    end,
    address_key, age
from children_parentage
