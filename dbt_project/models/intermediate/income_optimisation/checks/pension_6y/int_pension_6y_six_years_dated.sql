{#- One rule (checks.md §5 PENSION_6Y, the six years): for every pension awarded on or after the
    seed's awarded_from_date (2004-01-01), the six years run from the award date when it was
    awarded before move_start_from_date (2015-02-02), otherwise from the first day on or after
    the award on which the pensioner no longer lives in the awarding municipality (CPR
    municipality; consecutive spans there — a move within the municipality — are one stay; a
    day without a span is a day not living there). They end `years` (6) years − 1 day later.
    A pensioner who still lives in the awarding municipality has no start yet (null). -#}
{%- set open_end = "cast('9999-12-31' as date)" -%}
with rules as (
    select awarded_from_date, move_start_from_date, years
    from {{ ref('pension_six_year_rules') }}
    where rule_code = 'PENSION_6Y'
      and valid_from <= {{ as_of_date() }}
      and (valid_to is null or valid_to >= {{ as_of_date() }})
),

pensions as (
    select
        pensions.cpr,
        pensions.source_line as pension_source_line,
        pensions.pension_type,
        pensions.awarded_date,
        pensions.awarding_municipality_code,
        pensions.paying_municipality_code,
        pensions.municipal_share_per_month_dkk,
        pensions.end_date,
        rules.move_start_from_date,
        rules.years
    from {{ ref('stg_cases__pensions') }} as pensions
    cross join rules
    where pensions.awarded_date >= rules.awarded_from_date
),

spans_in_awarding_municipality as (
    select
        pensions.pension_source_line,
        spans.moved_in_date,
        coalesce(spans.moved_out_date, {{ open_end }}) as moved_out_date
    from pensions
    inner join {{ ref('int_residence_spans_postal_coded') }} as spans
        on spans.cpr = pensions.cpr
        and spans.cpr_municipality_code = pensions.awarding_municipality_code
),

spans_flagged as (
    select
        *,
        case
            when moved_in_date <= max(moved_out_date) over (
                partition by pension_source_line
                order by moved_in_date, moved_out_date
                rows between unbounded preceding and 1 preceding
            ) then 0
            else 1
        end as is_new_stay
    from spans_in_awarding_municipality
),

stays_numbered as (
    select
        *,
        sum(is_new_stay) over (
            partition by pension_source_line
            order by moved_in_date, moved_out_date
            rows unbounded preceding
        ) as stay_number
    from spans_flagged
),

stays as (
    select
        pension_source_line,
        min(moved_in_date) as moved_in_date,
        max(moved_out_date) as moved_out_date
    from stays_numbered
    group by pension_source_line, stay_number
),

left_awarding_municipality as (
    select
        pensions.*,
        case
            when stays.pension_source_line is null then pensions.awarded_date
            when stays.moved_out_date = {{ open_end }} then null
            else stays.moved_out_date
        end as no_longer_lives_there_date
    from pensions
    left join stays
        on stays.pension_source_line = pensions.pension_source_line
        and stays.moved_in_date <= pensions.awarded_date
        and stays.moved_out_date > pensions.awarded_date
),

started as (
    select
        *,
        case
            when awarded_date < move_start_from_date then awarded_date
            else no_longer_lives_there_date
        end as six_years_start_date
    from left_awarding_municipality
)

select
    cpr,
    pension_source_line,
    pension_type,
    awarded_date,
    awarding_municipality_code,
    paying_municipality_code,
    municipal_share_per_month_dkk,
    end_date,
    no_longer_lives_there_date,
    six_years_start_date,
    {{ add_days(dbt.dateadd('year', 'years', 'six_years_start_date'), '-1') }} as six_years_end_date
from started
