{#- One rule (spending.md, booked): the expense of fiscal year Y booked by as_of — dranst-1
    postings of fiscal_year Y with posting_date ≤ as_of, income from others left out (arts
    7.6/7.7/7.8, checks.md §2); a completed year keeps receiving postings with its fiscal_year
    in January-February, and they count in that year — with the grant each belongs to (§2
    matching) and the part of it whose service period lies in Y: amount × days of the service
    period in Y ÷ days of the service period (the whole amount when the posting has no valid
    service period). Postings without CPR or grant count too: budgets are per function. -#}
with postings as (
    select *
    from {{ ref('stg_economy__postings') }}
    where dranst = 1
      and {{ is_not_income_from_others('art') }}
      and posting_date <= {{ as_of_date() }}
),

years as (
    select fiscal_year, first_date, last_date from {{ ref('int_fiscal_years_listed') }}
),

booked as (
    select
        postings.posting_id,
        {{ dbt.cast('postings.fiscal_year', api.Column.translate_type('integer')) }} as fiscal_year,
        postings.posting_date,
        postings.function_code,
        postings.cpr,
        postings.amount,
        postings.service_period_start_date,
        postings.service_period_end_date,
        years.first_date,
        years.last_date,
        postings.service_period_start_date is not null
            and postings.service_period_end_date is not null
            and postings.service_period_end_date >= postings.service_period_start_date as has_service_period
    from postings
    inner join years on years.fiscal_year = postings.fiscal_year
)

select
    booked.posting_id,
    booked.fiscal_year,
    booked.posting_date,
    booked.function_code,
    booked.cpr,
    matches.grant_id,
    booked.amount as booked_dkk,
    case when booked.has_service_period then
        {{ decimal_ratio('booked.amount * '
                         ~ overlap_days('booked.first_date', 'booked.last_date',
                                        'booked.service_period_start_date', 'booked.service_period_end_date'),
                         dbt.datediff('booked.service_period_start_date', 'booked.service_period_end_date', 'day') ~ ' + 1') }}
    else {{ unrounded_dkk('booked.amount') }} end as booked_in_year_dkk
from booked
left join {{ ref('int_postings_grants_matched') }} as matches on matches.posting_id = booked.posting_id
