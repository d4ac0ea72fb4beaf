{#- One rule (checks.md §5 CENTRAL_REFUSION, the unit): per person with 5.28 / 5.38 money in a
    completed fiscal year Y, the unit the person belongs to in Y:
    - a person aged 18 or more on 1 January Y (or without a birth date in CPR) is a unit of
      their own (`self`, unit person = the person);
    - a child under 18 on 1 January Y (born after 1 January Y − 18 years; a child born during Y
      counts as a child) belongs to the unit of all such children who share a mother in CPR
      record 015 (`children`, unit person = the mother), else a father (unit person = the
      father); a child with no parent in record 015 is a unit of its own (`self`). -#}
with person_years as (
    select distinct cpr, fiscal_year
    from {{ ref('int_central_refusion_person_years_summed') }}
),

persons as (
    select cpr, birth_date
    from {{ ref('stg_folkeregister__persons') }}
),

parents as (
    select cpr, mother_cpr, father_cpr
    from {{ ref('stg_folkeregister__parents') }}
),

person_years_aged as (
    select
        person_years.cpr,
        person_years.fiscal_year,
        persons.birth_date,
        parents.mother_cpr,
        parents.father_cpr,
        persons.birth_date > {{ add_months(
            dbt.cast(dbt.concat([dbt.cast('person_years.fiscal_year', dbt.type_string()), "'-01-01'"]),
                     api.Column.translate_type('date')),
            '-12 * 18') }} as is_child_on_january_first
    from person_years
    left join persons on persons.cpr = person_years.cpr
    left join parents on parents.cpr = person_years.cpr
)

select
    cpr,
    fiscal_year,
    case
        when not coalesce(is_child_on_january_first, false) then cpr
        when mother_cpr is not null then mother_cpr
        when father_cpr is not null then father_cpr
        else cpr
    end as unit_cpr,
    case
        when coalesce(is_child_on_january_first, false) and coalesce(mother_cpr, father_cpr) is not null
            then 'children'
        else 'self'
    end as unit_kind,
    case
        when not coalesce(is_child_on_january_first, false) then 'adult'
        when mother_cpr is not null then 'mother'
        when father_cpr is not null then 'father'
        else 'child_without_parent'
    end as unit_relation,
    coalesce(is_child_on_january_first, false) as is_child_on_january_first
from person_years_aged
