{#- One rule (spending.md, data quality): a grant whose booked monthly amount deviates more than
    10 % from its price — compared in the complete months before month(as_of) that the grant
    covers entirely and in which something was booked on it (a month without bookings is
    CASE_STATUS's stale grant). The month's price: month → price; day → price × days in the
    month; hour → price × hours_per_week × days in the month ÷ 7. Booked = the expense
    allocated to the month (checks.md §2). One row per grant with the number of months off
    and the latest of them. -#}
with grants as (
    select * from {{ ref('stg_cases__grants') }}
    where price_unit in ('month', 'day', 'hour') and price > 0
),

booked_months as (
    select grant_id, month_start_date, sum(amount_dkk) as booked_dkk
    from {{ ref('int_postings_months_allocated') }}
    where is_expense and grant_id is not null
      and month_start_date < {{ month_start(as_of_date()) }}
    group by grant_id, month_start_date
),

compared as (
    select
        grants.grant_id,
        grants.cpr,
        grants.function_code,
        grants.provider_id,
        booked_months.month_start_date,
        booked_months.booked_dkk,
        case grants.price_unit
            when 'month' then {{ unrounded_dkk('grants.price') }}
            when 'day' then {{ unrounded_dkk('grants.price * (' ~ dbt.datediff('booked_months.month_start_date', month_end('booked_months.month_start_date'), 'day') ~ ' + 1)') }}
            when 'hour' then {{ decimal_ratio('grants.price * grants.hours_per_week * ('
                ~ dbt.datediff('booked_months.month_start_date', month_end('booked_months.month_start_date'), 'day') ~ ' + 1)', '7') }}
        end as price_of_month_dkk
    from booked_months
    inner join grants on grants.grant_id = booked_months.grant_id
    where grants.start_date <= booked_months.month_start_date
      and (grants.end_date is null or grants.end_date >= {{ month_end('booked_months.month_start_date') }})
),

off as (
    select
        *,
        {{ decimal_ratio('(booked_dkk - price_of_month_dkk) * 100', 'price_of_month_dkk', 1) }} as deviation_pct,
        row_number() over (partition by grant_id order by month_start_date desc) as recency,
        count(*) over (partition by grant_id) as n_months_off
    from compared
    where price_of_month_dkk > 0
      and abs(booked_dkk - price_of_month_dkk) > 0.10 * price_of_month_dkk
)

select
    grant_id,
    cpr,
    function_code,
    provider_id,
    month_start_date as latest_month_start_date,
    booked_dkk as latest_booked_dkk,
    price_of_month_dkk as latest_price_of_month_dkk,
    deviation_pct as latest_deviation_pct,
    n_months_off
from off
where recency = 1
