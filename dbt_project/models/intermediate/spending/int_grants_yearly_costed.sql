{#- One rule (spending.md): the cost of a grant in fiscal year Y over its *active* days in Y
    (int_grants_active_periods_bounded), i.e. over
    [max(start, 1 Jan Y), min(active end or 31 Dec Y, 31 Dec Y)]:
      day   days(overlap) × price
      month Σ over the months m of the overlap of price × days_in_overlap(m) / days_in_month(m)
      hour  price × hours_per_week × days(overlap) / 7
      once  price when the start lies in Y (and is an active day)
    rounded half-up to øre once per grant and year. A grant with no active day in Y (paid by
    another municipality, or after death, emigration or the case's closing) has no row. -#}
with grants as (
    select
        grants.grant_id, grants.price_unit, grants.price, grants.hours_per_week,
        active.active_start_date as start_date,
        active.active_end_date as end_date
    from {{ ref('stg_cases__grants') }} as grants
    inner join {{ ref('int_grants_active_periods_bounded') }} as active on active.grant_id = grants.grant_id
),

years as (
    select fiscal_year, first_date, last_date
    from {{ ref('int_fiscal_years_listed') }}
),

grant_years as (
    select
        grants.*,
        years.fiscal_year,
        greatest(grants.start_date, years.first_date) as overlap_start_date,
        least(coalesce(grants.end_date, years.last_date), years.last_date) as overlap_end_date
    from grants
    inner join years
        on grants.start_date <= years.last_date
        and (grants.end_date is null or grants.end_date >= years.first_date)
),

month_offsets as (
    {{ month_offsets(12) }}
),

year_months as (
    select
        grant_years.grant_id,
        grant_years.fiscal_year,
        {{ add_months(month_start('grant_years.overlap_start_date'), 'month_offsets.month_offset') }}
            as month_start_date
    from grant_years
    inner join month_offsets
        on month_offsets.month_offset
            <= {{ dbt.datediff(month_start('grant_years.overlap_start_date'), month_start('grant_years.overlap_end_date'), 'month') }}
    where grant_years.price_unit = 'month'
),

month_fractions as (
    -- per grant and year: Σ days_in_overlap(m) / days_in_month(m)
    select
        year_months.grant_id,
        year_months.fiscal_year,
        sum(
            {{ decimal_ratio(overlap_days('grant_years.overlap_start_date', 'grant_years.overlap_end_date',
                                          'year_months.month_start_date', month_end('year_months.month_start_date')),
                             dbt.datediff('year_months.month_start_date', month_end('year_months.month_start_date'), 'day') ~ ' + 1',
                             18) }}
        ) as months_in_year
    from year_months
    inner join grant_years
        on grant_years.grant_id = year_months.grant_id and grant_years.fiscal_year = year_months.fiscal_year
    group by year_months.grant_id, year_months.fiscal_year
),

measured as (
    select
        grant_years.*,
        {{ overlap_days('grant_years.overlap_start_date', 'grant_years.overlap_end_date',
                        'grant_years.overlap_start_date', 'grant_years.overlap_end_date') }} as days_in_year,
        coalesce(month_fractions.months_in_year, 0) as months_in_year
    from grant_years
    left join month_fractions
        on month_fractions.grant_id = grant_years.grant_id
        and month_fractions.fiscal_year = grant_years.fiscal_year
)

select
    grant_id,
    fiscal_year,
    price_unit,
    overlap_start_date,
    overlap_end_date,
    days_in_year,
    {{ round_ore("case price_unit
        when 'day' then price * days_in_year
        when 'month' then price * months_in_year
        when 'hour' then " ~ decimal_ratio('price * hours_per_week * days_in_year', '7') ~ "
        when 'once' then case when extract(year from start_date) = fiscal_year then price else 0 end
    end") }} as cost_year_dkk
from measured
