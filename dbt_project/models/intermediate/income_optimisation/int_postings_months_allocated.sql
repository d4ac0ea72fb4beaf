{#- One rule (checks.md §2): a posting's amount is allocated to the months of its service period
    [service_period_start, service_period_end] (the posting_date's month when either is empty,
    or when the end lies before the start) in proportion to each month's weight: 1 for a whole
    month, days covered ÷ days in the month for a partial one, normalised so the weights sum to
    1. Amounts stay unrounded, as DECIMAL(38, 10): the month fractions are exact to 18
    decimals and summed as DECIMAL, so reruns give the same digits. Each row keeps the posting's grant (§2 matching) and the
    §2 kind: expense = dranst 1 without income from others (arts 7.6/7.7/7.8); state refund =
    dranst 2. -#}
with postings as (
    select
        postings.*,
        postings.service_period_start_date is not null
            and postings.service_period_end_date is not null
            and postings.service_period_end_date >= postings.service_period_start_date
            as has_service_period
    from {{ ref('stg_economy__postings') }} as postings
),

posting_periods as (
    select
        *,
        case when has_service_period then service_period_start_date
             else {{ month_start('posting_date') }} end as period_start_date,
        case when has_service_period then service_period_end_date
             else {{ month_end('posting_date') }} end as period_end_date
    from postings
),

posting_month_counts as (
    select
        *,
        {{ dbt.datediff(month_start('period_start_date'), month_start('period_end_date'), 'month') }} + 1
            as n_months
    from posting_periods
),

month_offsets as (
    {{ month_offsets(1200) }}
),

posting_months as (
    select
        posting_month_counts.*,
        {{ add_months(month_start('posting_month_counts.period_start_date'), 'month_offsets.month_offset') }}
            as month_start_date
    from posting_month_counts
    inner join month_offsets on month_offsets.month_offset < posting_month_counts.n_months
),

posting_months_weighed as (
    select
        *,
        {{ overlap_days('period_start_date', 'period_end_date', 'month_start_date', month_end('month_start_date')) }}
            as service_days_in_month,
        {{ decimal_ratio(overlap_days('period_start_date', 'period_end_date', 'month_start_date', month_end('month_start_date')),
                         dbt.datediff('month_start_date', month_end('month_start_date'), 'day') ~ ' + 1', 18) }}
            as month_fraction
    from posting_months
),

posting_months_totalled as (
    -- a posting of one month is its own total; only the few that span months need the window
    -- (781 of 3.0M postings at 1M citizens: the window over every row took 1.4 s; issue #14)
    select *, month_fraction as fraction_total
    from posting_months_weighed
    where n_months = 1
    union all
    select *, sum(month_fraction) over (partition by posting_id) as fraction_total
    from posting_months_weighed
    where n_months > 1
)

select
    posting_months_weighed.posting_id,
    posting_months_weighed.month_start_date,
    posting_months_weighed.cpr,
    posting_months_weighed.function_code,
    substring(posting_months_weighed.function_code, 1, 4) as main_function_code,
    posting_months_weighed.dranst,
    posting_months_weighed.art,
    posting_months_weighed.grouping_code,
    posting_months_weighed.counterparty_municipality_code,
    posting_months_weighed.fiscal_year,
    posting_months_weighed.posting_date,
    posting_months_weighed.case_ref,
    matched.grant_id,
    matched.grant_match_method,
    posting_months_weighed.has_service_period,
    posting_months_weighed.service_days_in_month,
    {{ decimal_ratio('posting_months_weighed.month_fraction', 'posting_months_weighed.fraction_total') }}
        as month_weight,
    {{ decimal_ratio('posting_months_weighed.amount * posting_months_weighed.month_fraction',
                     'posting_months_weighed.fraction_total') }}
        as amount_dkk,
    posting_months_weighed.amount as posting_amount_dkk,
    posting_months_weighed.dranst = 1
        and {{ is_not_income_from_others('posting_months_weighed.art') }}
        as is_expense,
    posting_months_weighed.dranst = 2 as is_state_refund
from posting_months_totalled as posting_months_weighed
left join {{ ref('int_postings_grants_matched') }} as matched
    on matched.posting_id = posting_months_weighed.posting_id
