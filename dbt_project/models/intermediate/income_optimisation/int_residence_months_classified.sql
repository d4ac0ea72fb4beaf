{#- One rule (checks.md §1, month rule for residence): per person and complete month, the CPR
    municipality when it is the same on every day of the month (none when a day has no span or
    an administrative code), whether the person lived in our municipality every day of the month
    (resident all month) and whether no day of it (outside all month: a day without a CPR
    municipality is outside). Spans are half-open [moved_in_date, moved_out_date).
    The checks only ask about months in which the case or economy system holds a fact on the
    person (a grant, a pension, an enrolment, a posting), so the grid covers the persons those
    systems name, from the month of their first fact on: the whole population × every month
    since 2004 would be ~300 million rows at 1M citizens. -#}
with months as (
    select month_start_date, month_end_date, days_in_month
    from {{ ref('int_months_spined') }}
),

first_facts as (
    select cpr, start_date as fact_date from {{ ref('stg_cases__grants') }}
    union all
    select cpr, awarded_date from {{ ref('stg_cases__pensions') }}
    union all
    select cpr, start_date from {{ ref('stg_cases__pupils') }}
    union all
    select cpr, min(month_start_date) from {{ ref('int_postings_months_allocated') }} group by cpr
),

persons as (
    select cpr, {{ month_start('min(fact_date)') }} as first_fact_month_start_date
    from first_facts
    where cpr is not null
    group by cpr
),

spine as (
    select min(month_start_date) as first_month_start_date, max(month_start_date) as last_month_start_date
    from months
),

spans as (
    -- the months each span of a named person touches, from the person's first fact on: a span
    -- is spread over its own months (an equi-join on the month below), never compared with
    -- every month of the spine (a range join that grows with the population × the spine)
    select
        spans.cpr,
        spans.moved_in_date,
        spans.last_day_date,
        spans.cpr_municipality_code,
        greatest({{ month_start('spans.moved_in_date') }}, persons.first_fact_month_start_date,
                 spine.first_month_start_date) as first_month_start_date,
        least({{ month_start('coalesce(spans.last_day_date, spine.last_month_start_date)') }},
              spine.last_month_start_date) as last_month_start_date
    from (
        select
            cpr,
            moved_in_date,
            {{ add_days('moved_out_date', '-1') }} as last_day_date,
            cpr_municipality_code
        from {{ ref('int_residence_spans_postal_coded') }}
        where moved_in_date is not null
    ) as spans
    inner join persons on persons.cpr = spans.cpr
    cross join spine
),

month_offsets as (
    {{ month_offsets(1200) }}
),

span_days_in_months as (
    select
        spans.cpr,
        months.month_start_date,
        spans.cpr_municipality_code,
        {{ overlap_days('spans.moved_in_date', 'spans.last_day_date',
                        'months.month_start_date', 'months.month_end_date') }} as n_days
    from spans
    inner join month_offsets
        on month_offsets.month_offset
            <= {{ dbt.datediff('spans.first_month_start_date', 'spans.last_month_start_date', 'month') }}
    inner join months
        on months.month_start_date
            = {{ add_months('spans.first_month_start_date', 'month_offsets.month_offset') }}
),

days_per_person_month as (
    select
        cpr,
        month_start_date,
        sum(case when cpr_municipality_code = {{ our_municipality_code() }} then n_days else 0 end)
            as n_days_in_our_municipality,
        sum(case when cpr_municipality_code is not null then n_days else 0 end)
            as n_days_with_cpr_municipality,
        min(cpr_municipality_code) as first_cpr_municipality_code,
        max(cpr_municipality_code) as last_cpr_municipality_code
    from span_days_in_months
    group by cpr, month_start_date
),

person_months as (
    select
        persons.cpr,
        months.month_start_date,
        months.days_in_month,
        coalesce(days.n_days_in_our_municipality, 0) as days_in_our_municipality,
        coalesce(days.n_days_with_cpr_municipality, 0) as days_with_cpr_municipality,
        days.first_cpr_municipality_code,
        days.last_cpr_municipality_code
    from persons
    inner join months on months.month_start_date >= coalesce(persons.first_fact_month_start_date, months.month_start_date)
    left join days_per_person_month as days
        on days.cpr = persons.cpr
        and days.month_start_date = months.month_start_date
)

select
    cpr,
    month_start_date,
    case
        when days_with_cpr_municipality = days_in_month
            and first_cpr_municipality_code = last_cpr_municipality_code  -- one municipality all month
            then first_cpr_municipality_code
    end as cpr_municipality_code,
    days_in_our_municipality,
    days_in_month,
    days_in_our_municipality = days_in_month as is_resident_all_month,
    days_in_our_municipality = 0 as is_outside_all_month
from person_months
