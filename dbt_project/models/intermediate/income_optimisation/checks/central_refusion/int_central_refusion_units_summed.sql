{#- One rule (checks.md §5 CENTRAL_REFUSION): per unit (unit person and kind) and completed
    fiscal year Y, the unit's yearly expense on 5.28 and 5.38 and the state refund booked for
    the unit's CPRs in Y (dranst 2 on those functions), summed over its persons
    (int_central_refusion_units_formed), with the number of persons and the main function
    carrying the largest part of the expense (ties: the lowest code), for the flag's area. -#}
with person_years as (
    select cpr, fiscal_year, main_function_code, expense_dkk, state_refund_dkk
    from {{ ref('int_central_refusion_person_years_summed') }}
),

units as (
    select cpr, fiscal_year, unit_cpr, unit_kind, unit_relation
    from {{ ref('int_central_refusion_units_formed') }}
),

unit_functions as (
    select
        units.unit_cpr,
        units.unit_kind,
        units.fiscal_year,
        person_years.main_function_code,
        sum(person_years.expense_dkk) as expense_dkk,
        sum(person_years.state_refund_dkk) as state_refund_dkk
    from person_years
    inner join units
        on units.cpr = person_years.cpr
        and units.fiscal_year = person_years.fiscal_year
    group by units.unit_cpr, units.unit_kind, units.fiscal_year, person_years.main_function_code
),

unit_functions_ranked as (
    select
        *,
        row_number() over (
            partition by unit_cpr, unit_kind, fiscal_year
            order by expense_dkk desc, main_function_code
        ) as function_rank
    from unit_functions
),

unit_persons as (
    select
        unit_cpr,
        unit_kind,
        fiscal_year,
        max(unit_relation) as unit_relation,
        count(distinct cpr) as n_persons
    from units
    group by unit_cpr, unit_kind, fiscal_year
)

select
    unit_persons.unit_cpr,
    unit_persons.unit_kind,
    unit_persons.fiscal_year,
    unit_persons.unit_relation,
    unit_persons.n_persons,
    sum(unit_functions_ranked.expense_dkk) as expense_dkk,
    sum(unit_functions_ranked.state_refund_dkk) as state_refund_dkk,
    max(case when unit_functions_ranked.function_rank = 1 then unit_functions_ranked.main_function_code end)
        as largest_main_function_code
from unit_persons
inner join unit_functions_ranked
    on unit_functions_ranked.unit_cpr = unit_persons.unit_cpr
    and unit_functions_ranked.unit_kind = unit_persons.unit_kind
    and unit_functions_ranked.fiscal_year = unit_persons.fiscal_year
group by
    unit_persons.unit_cpr,
    unit_persons.unit_kind,
    unit_persons.fiscal_year,
    unit_persons.unit_relation,
    unit_persons.n_persons
