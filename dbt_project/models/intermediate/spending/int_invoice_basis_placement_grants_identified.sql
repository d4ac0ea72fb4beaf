{#- One rule (spending.md, invoice basis: "on lines of basis (a) of MISSING_CHARGE grant_id is
    empty and the placing municipality's stay grant is given as placement_grant_id when the case
    system has it"): per person, placing municipality X and complete month, the stay grant of
    X's inbound placement (checks.md §3: a grant on a residential provider in our municipality
    with placed_by_municipality_code = X, int_offer_stays_spanned) — the grant row with the most
    days in the offer that month; a tie (never with a price change at a month's turn) goes to
    the later stay, then the higher grant id. -#}
with inbound_stays as (
    select cpr, grant_id, placing_municipality_code, in_offer_from_date, in_offer_to_date
    from {{ ref('int_offer_stays_spanned') }}
    where placement_direction = 'inbound'
),

months as (
    select month_start_date, month_end_date
    from {{ ref('int_months_spined') }}
),

stay_days as (
    select
        inbound_stays.cpr,
        inbound_stays.placing_municipality_code,
        months.month_start_date,
        inbound_stays.grant_id,
        inbound_stays.in_offer_from_date,
        {{ overlap_days('inbound_stays.in_offer_from_date', 'inbound_stays.in_offer_to_date',
                        'months.month_start_date', 'months.month_end_date') }} as n_days
    from inbound_stays
    inner join months
        on inbound_stays.in_offer_from_date <= months.month_end_date
        and (inbound_stays.in_offer_to_date is null or inbound_stays.in_offer_to_date >= months.month_start_date)
),

ranked as (
    select
        *,
        row_number() over (
            partition by cpr, placing_municipality_code, month_start_date
            order by n_days desc, in_offer_from_date desc, grant_id desc
        ) as grant_rank
    from stay_days
)

select
    cpr,
    placing_municipality_code,
    month_start_date,
    grant_id as placement_grant_id,
    n_days
from ranked
where grant_rank = 1
