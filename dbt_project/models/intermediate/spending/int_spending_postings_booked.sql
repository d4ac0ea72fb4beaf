{#- One rule (spending.md, booked): the expense of fiscal year Y booked by its cut-off T =
    min(as_of, 31 Dec Y) — dranst-1 postings of fiscal_year Y with posting_date ≤ T, income
    from others left out (arts 7.6/7.7/7.8, checks.md §2) — with the grant each belongs to
    (§2 matching), and the part of it whose service period lies after T: amount × days of the
    service period after T ÷ days of the service period (monthly help paid in advance; a
    posting without a valid service period has none). Postings without CPR or grant count too:
    budgets are per function. -#}
with postings as (
    select *
    from {{ ref('stg_economy__postings') }}
    where dranst = 1
      and {{ is_not_income_from_others('art') }}
),

years as (
    select fiscal_year, cutoff_date from {{ ref('int_fiscal_years_listed') }}
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
        years.cutoff_date,
        postings.service_period_start_date is not null
            and postings.service_period_end_date is not null
            and postings.service_period_end_date >= postings.service_period_start_date as has_service_period
    from postings
    inner join years on years.fiscal_year = postings.fiscal_year
    where postings.posting_date <= years.cutoff_date
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
                         ~ overlap_days(add_days('booked.cutoff_date', 1), 'booked.service_period_end_date',
                                        'booked.service_period_start_date', 'booked.service_period_end_date'),
                         dbt.datediff('booked.service_period_start_date', 'booked.service_period_end_date', 'day') ~ ' + 1') }}
    else {{ unrounded_dkk('0') }} end as booked_after_cutoff_dkk
from booked
left join {{ ref('int_postings_grants_matched') }} as matches on matches.posting_id = booked.posting_id
