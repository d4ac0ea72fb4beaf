{#- One rule (families.md, Danmarks Statistik's couple): among the persons at one address who are
    not children living at home, in this order —
      1. married / registered partnership (`married`): CIVST G or P with the other as spouse;
      2. samlevende (`cohabiting`): not married to each other, at least one common child in CPR;
      3. samboende (`coresident`): two adults (18+) of opposite sex, age difference under 15
         years, no common children, not siblings (a shared parent) nor parent and child as far as CPR tells, and no
         other adult at the address except the children of either.
    A person is in at most one couple: a pair stands when it is the best choice of both (the
    earlier rule, then the most recent common child, then the lower CPR). `first_cpr` is the older partner (then the lower CPR). -#}
-- depends_on: {{ ref('int_family_years_fingerprinted') }}
with persons as (
    select persons.*
    from {{ ref('int_persons_on_reference_dates') }} as persons
    inner join {{ ref('int_children_at_home_identified') }} as children
        on children.cpr = persons.cpr and children.fiscal_year = persons.fiscal_year
    where not children.is_child_at_home
      and {{ is_family_year_to_build('persons.fiscal_year') }}  -- the years rebuilt tonight (macros/family_years_kept.sql)
      and {{ is_family_year_to_build('children.fiscal_year') }}
),

parents as (
    select * from {{ ref('int_person_parents_listed') }}
),

pairs as (
    select
        a.fiscal_year,
        a.reference_date,
        a.address_key,
        a.cpr as first_cpr,
        b.cpr as second_cpr,
        a.birth_date as first_birth_date,
        b.birth_date as second_birth_date,
        a.sex as first_sex,
        b.sex as second_sex,
        a.age as first_age,
        b.age as second_age,
        (a.civil_status_code in ('G', 'P') and a.spouse_cpr = b.cpr)
            or (b.civil_status_code in ('G', 'P') and b.spouse_cpr = a.cpr) as is_married
    from persons as a
    inner join persons as b
        on b.fiscal_year = a.fiscal_year
        and b.address_key = a.address_key
        and b.cpr <> a.cpr
        and (a.birth_date < b.birth_date or (a.birth_date = b.birth_date and a.cpr < b.cpr)
             or (b.birth_date is null and a.birth_date is not null)
             or (a.birth_date is null and b.birth_date is null and a.cpr < b.cpr))
),

common_children as (
    select
        pairs.fiscal_year, pairs.first_cpr, pairs.second_cpr,
        max(first_parent.child_birth_date) as latest_common_child_birth_date
    from pairs
    inner join parents as first_parent on first_parent.parent_cpr = pairs.first_cpr
    inner join parents as second_parent
        on second_parent.parent_cpr = pairs.second_cpr
        and second_parent.child_cpr = first_parent.child_cpr
    where first_parent.child_birth_date is null or first_parent.child_birth_date <= pairs.reference_date
    group by pairs.fiscal_year, pairs.first_cpr, pairs.second_cpr
),

related as (
    -- siblings (a shared parent) or parent and child, as far as CPR tells
    select pairs.fiscal_year, pairs.first_cpr, pairs.second_cpr
    from pairs
    inner join parents as first_parent on first_parent.child_cpr = pairs.first_cpr
    inner join parents as second_parent
        on second_parent.child_cpr = pairs.second_cpr
        and second_parent.parent_cpr = first_parent.parent_cpr
    union
    select pairs.fiscal_year, pairs.first_cpr, pairs.second_cpr
    from pairs
    inner join parents
        on parents.parent_cpr = pairs.first_cpr and parents.child_cpr = pairs.second_cpr
    union
    select pairs.fiscal_year, pairs.first_cpr, pairs.second_cpr
    from pairs
    inner join parents
        on parents.parent_cpr = pairs.second_cpr and parents.child_cpr = pairs.first_cpr
),

other_adults as (
    -- per pair: adults at the address other than the two who are not a child of either
    select pairs.fiscal_year, pairs.first_cpr, pairs.second_cpr, count(*) as n_other_adults
    from pairs
    inner join {{ ref('int_persons_on_reference_dates') }} as others
        on others.fiscal_year = pairs.fiscal_year
        and others.address_key = pairs.address_key
        and others.cpr not in (pairs.first_cpr, pairs.second_cpr)
        and others.age >= 18
        and {{ is_family_year_to_build('others.fiscal_year') }}
    left join parents as parentage
        on parentage.child_cpr = others.cpr
        and parentage.parent_cpr in (pairs.first_cpr, pairs.second_cpr)
    where parentage.child_cpr is null
    group by pairs.fiscal_year, pairs.first_cpr, pairs.second_cpr
),

candidates as (
    select
        pairs.*,
        case
            when pairs.is_married then 'married'
            when common_children.first_cpr is not null then 'cohabiting'
            when pairs.first_age >= 18 and pairs.second_age >= 18
                and pairs.first_sex <> pairs.second_sex
                and {{ dbt.dateadd('year', 15, 'pairs.first_birth_date') }} > pairs.second_birth_date
                and related.first_cpr is null
                and coalesce(other_adults.n_other_adults, 0) = 0
                then 'coresident'
        end as couple_kind,
        common_children.latest_common_child_birth_date
    from pairs
    left join common_children
        on common_children.fiscal_year = pairs.fiscal_year
        and common_children.first_cpr = pairs.first_cpr
        and common_children.second_cpr = pairs.second_cpr
    left join related
        on related.fiscal_year = pairs.fiscal_year
        and related.first_cpr = pairs.first_cpr
        and related.second_cpr = pairs.second_cpr
    left join other_adults
        on other_adults.fiscal_year = pairs.fiscal_year
        and other_adults.first_cpr = pairs.first_cpr
        and other_adults.second_cpr = pairs.second_cpr
),

ranked as (
    select
        candidates.*,
        case couple_kind when 'married' then 1 when 'cohabiting' then 2 else 3 end as rule_order
    from candidates
    where couple_kind is not null
),

choices as (
    -- every pair seen from each partner: a pair stands when it is the best choice of both
    select fiscal_year, first_cpr, second_cpr, first_cpr as chooser_cpr, second_cpr as chosen_cpr,
           rule_order, latest_common_child_birth_date
    from ranked
    union all
    select fiscal_year, first_cpr, second_cpr, second_cpr, first_cpr,
           rule_order, latest_common_child_birth_date
    from ranked
),

best_choices as (
    -- each chooser's best pair in one grouped pass: the earlier rule, then the most recent
    -- common child (none last), then the lower CPR
    select
        fiscal_year,
        chooser_cpr,
        arg_min(
            struct_pack(first_cpr := first_cpr, second_cpr := second_cpr),
            struct_pack(
                rule_order := rule_order,
                has_no_common_child := latest_common_child_birth_date is null,
                days_before_end := coalesce({{ dbt.datediff('latest_common_child_birth_date', "cast('9999-12-31' as date)", 'day') }}, 0),
                chosen_cpr := chosen_cpr)
        ) as best
    from choices
    group by fiscal_year, chooser_cpr
),

mutual as (
    select fiscal_year, best.first_cpr as first_cpr, best.second_cpr as second_cpr
    from best_choices
    group by fiscal_year, best.first_cpr, best.second_cpr
    having count(*) = 2
)

select
    ranked.fiscal_year,
    ranked.reference_date,
    ranked.address_key,
    ranked.first_cpr,
    ranked.second_cpr,
    ranked.couple_kind
from ranked
inner join mutual
    on mutual.fiscal_year = ranked.fiscal_year
    and mutual.first_cpr = ranked.first_cpr
    and mutual.second_cpr = ranked.second_cpr
