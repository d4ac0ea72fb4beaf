{#- One rule (checks.md §5 SCHOOL_CHARGE, §1 month rule for enrolment): per pupil and complete
    month, the days the pupil was enrolled `normal` in one of our schools (school_municipality_code
    = ours) and whether that was every day of the month. `special` and `sfo` enrolments are not
    this check's. Enrolment periods are closed [start_date, end_date] (end empty = ongoing);
    overlapping or adjacent enrolments (a change of school) are merged first, so no day counts
    twice and a change of school between two of our schools keeps the month whole. -#}
{%- set open_end = "cast('9999-12-31' as date)" -%}
with enrolments as (
    select
        cpr,
        start_date as enrolled_from_date,
        coalesce({{ add_days('end_date', '1') }}, {{ open_end }}) as enrolled_until_date
    from {{ ref('stg_cases__pupils') }}
    where enrolment_type = 'normal'
      and school_municipality_code = {{ our_municipality_code() }}
      and cpr is not null
      and start_date is not null
      and (end_date is null or end_date >= start_date)
),

enrolments_flagged as (
    select
        *,
        case
            when enrolled_from_date <= max(enrolled_until_date) over (
                partition by cpr
                order by enrolled_from_date, enrolled_until_date
                rows between unbounded preceding and 1 preceding
            ) then 0
            else 1
        end as is_new_island
    from enrolments
),

enrolments_numbered as (
    select
        *,
        sum(is_new_island) over (
            partition by cpr
            order by enrolled_from_date, enrolled_until_date
            rows unbounded preceding
        ) as island_number
    from enrolments_flagged
),

islands as (
    select
        cpr,
        min(enrolled_from_date) as enrolled_from_date,
        {{ add_days('max(enrolled_until_date)', '-1') }} as enrolled_to_date
    from enrolments_numbered
    group by cpr, island_number
),

months as (
    select month_start_date, month_end_date, days_in_month
    from {{ ref('int_months_spined') }}
),

island_days_in_months as (
    select
        islands.cpr,
        months.month_start_date,
        months.days_in_month,
        {{ overlap_days('islands.enrolled_from_date', 'islands.enrolled_to_date',
                        'months.month_start_date', 'months.month_end_date') }} as n_days
    from islands
    inner join months
        on islands.enrolled_from_date <= months.month_end_date
        and islands.enrolled_to_date >= months.month_start_date
)

select
    cpr,
    month_start_date,
    sum(n_days) as days_enrolled,
    days_in_month,
    sum(n_days) = days_in_month as is_enrolled_all_month
from island_days_in_months
group by cpr, month_start_date, days_in_month
