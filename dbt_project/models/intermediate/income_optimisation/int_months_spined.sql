{#- One rule (checks.md §1): only complete months before as_of count — the months from the
    spine start (setting `month_spine_start_date`) up to month(as_of) − 1, each with its first
    and last day, its number of days and how many months it lies before month(as_of)
    (month(as_of) − 1 is 1). -#}
with as_of_month as (
    select {{ month_start(as_of_date()) }} as as_of_month_start_date
),

month_offsets as (
    {{ month_offsets(1200) }}
),

months_before_as_of as (
    select
        {{ add_months('as_of_month.as_of_month_start_date', '-(month_offsets.month_offset + 1)') }}
            as month_start_date,
        month_offsets.month_offset + 1 as months_before_as_of
    from as_of_month
    cross join month_offsets
),

months_from_spine_start as (
    select *
    from months_before_as_of
    where month_start_date >= {{ month_start(income_optimisation_setting('month_spine_start_date', 'date')) }}
)

select
    month_start_date,
    {{ month_end('month_start_date') }} as month_end_date,
    {{ dbt.datediff('month_start_date', month_end('month_start_date'), 'day') }} + 1 as days_in_month,
    months_before_as_of,
    {{ dbt.cast('extract(year from month_start_date)', api.Column.translate_type('integer')) }} as month_year
from months_from_spine_start
