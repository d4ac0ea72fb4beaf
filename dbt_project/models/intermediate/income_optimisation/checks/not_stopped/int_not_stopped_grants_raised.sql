{#- One rule (checks.md §5 NOT_STOPPED): a grant is flagged as soon as a posting puts expense
    into a month lying wholly on or after its stop date (month start ≥ stop date), whether that
    month is complete, the current month or paid in advance. "Puts expense" = the month's net
    expense on the grant, rounded to øre, is positive (a payment booked and reversed puts none).
    One row per flagged grant with its stop date and the months that raised it. -#}
with stop_dates as (
    select *
    from {{ ref('int_not_stopped_stop_dates_found') }}
),

grant_months as (
    select grant_id, month_start_date, expense_dkk
    from {{ ref('int_not_stopped_grant_months_expensed') }}
),

months_after_stop as (
    select
        stop_dates.grant_id,
        grant_months.month_start_date,
        grant_months.month_start_date >= {{ month_start(as_of_date()) }} as is_current_or_advance
    from stop_dates
    inner join grant_months
        on grant_months.grant_id = stop_dates.grant_id
        and grant_months.month_start_date >= stop_dates.stop_date
    where {{ round_ore('grant_months.expense_dkk') }} > 0
),

raised as (
    select
        grant_id,
        min(month_start_date) as first_raising_month_start_date,
        max(month_start_date) as last_raising_month_start_date,
        count(*) as n_raising_months,
        sum(case when is_current_or_advance then 1 else 0 end) as n_current_or_advance_months
    from months_after_stop
    group by grant_id
)

select
    stop_dates.grant_id,
    stop_dates.case_id,
    stop_dates.cpr,
    stop_dates.start_date,
    stop_dates.end_date,
    stop_dates.stop_date,
    stop_dates.stop_reason,
    stop_dates.stop_event_date,
    stop_dates.ordinary_home_municipality_code,
    raised.first_raising_month_start_date,
    raised.last_raising_month_start_date,
    raised.n_raising_months,
    raised.n_current_or_advance_months
from stop_dates
inner join raised on raised.grant_id = stop_dates.grant_id
