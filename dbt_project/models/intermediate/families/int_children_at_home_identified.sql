{#- One rule (families.md, Danmarks Statistik): a child living at home is under the age limit
    (var child_age_limit), never married (CIVST U), has no children of its own (born on or
    before the date; a 014 child without a birth date counts) and lives at the same address
    as at least one parent. It belongs to the family of its mother when she lives there, else
    of its father. Every resident gets a row; `home_parent_cpr` is null for a non-child. The
    resident's address and age are carried for the family at the address, which then needs no
    second look-up of the persons (at 3M citizens that join did not fit a 2.5 GB ceiling). -#}
-- depends_on: {{ ref('int_family_years_fingerprinted') }}
with persons as (
    select * from {{ ref('int_persons_on_reference_dates') }}
    where {{ is_family_year_to_build('fiscal_year') }}  -- the years rebuilt tonight (macros/family_years_kept.sql)
),

parents as (
    select * from {{ ref('int_person_parents_listed') }}
),

own_children as (
    select distinct persons.fiscal_year, persons.cpr
    from persons
    inner join parents on parents.parent_cpr = persons.cpr
    where parents.child_birth_date is null or parents.child_birth_date <= persons.reference_date
),

parents_at_home as (
    -- the mother when she lives there, else the father (then the lowest CPR): one grouped pass
    select
        persons.fiscal_year,
        persons.cpr,
        arg_min(
            parents.parent_cpr,
            struct_pack(
                role_order := case parents.parent_role when 'mother' then 0 when 'father' then 1 else 2 end,
                parent_cpr := parents.parent_cpr)
        ) as parent_cpr
    from persons
    inner join parents on parents.child_cpr = persons.cpr
    inner join persons as parent_persons
        on parent_persons.cpr = parents.parent_cpr
        and parent_persons.fiscal_year = persons.fiscal_year
        and parent_persons.address_key = persons.address_key
    group by persons.fiscal_year, persons.cpr
),

classified as (
    select
        persons.fiscal_year,
        persons.reference_date,
        persons.cpr,
        persons.address_key,
        persons.age,
        coalesce({{ is_under_child_age_limit('persons.age') }}, false) as is_under_age_limit,
        persons.civil_status_code = 'U' as is_never_married,
        own_children.cpr is not null as has_own_children,
        parents_at_home.parent_cpr as parent_at_home_cpr
    from persons
    left join own_children
        on own_children.cpr = persons.cpr and own_children.fiscal_year = persons.fiscal_year
    left join parents_at_home
        on parents_at_home.cpr = persons.cpr
        and parents_at_home.fiscal_year = persons.fiscal_year
)

select
    fiscal_year,
    reference_date,
    cpr,
    address_key,
    age,
    is_under_age_limit,
    is_never_married,
    has_own_children,
    parent_at_home_cpr is not null as has_parent_at_home,
    is_under_age_limit and is_never_married and not has_own_children as meets_child_rules,
    is_under_age_limit and is_never_married and not has_own_children
        and parent_at_home_cpr is not null as is_child_at_home,
    case when is_under_age_limit and is_never_married and not has_own_children
         then parent_at_home_cpr end as home_parent_cpr
from classified
