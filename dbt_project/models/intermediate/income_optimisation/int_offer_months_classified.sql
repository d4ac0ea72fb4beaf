{#- One rule (checks.md §1 month rule applied to §3): per person, complete month, direction and
    placing municipality, the days the person was in such an offer (overlapping or adjacent
    stays — several grants, a price change — are merged first, so no day counts twice) and
    whether that was every day of the month (e.g. "all month in an inbound offer placed by X"). -#}
{%- set open_end = "cast('9999-12-31' as date)" -%}
with stays as (
    select
        cpr,
        placement_direction,
        placing_municipality_code,
        in_offer_from_date,
        coalesce({{ add_days('in_offer_to_date', '1') }}, {{ open_end }}) as in_offer_until_date
    from {{ ref('int_offer_stays_spanned') }}
),

stays_flagged as (
    select
        *,
        case
            when in_offer_from_date <= max(in_offer_until_date) over (
                partition by cpr, placement_direction, placing_municipality_code
                order by in_offer_from_date, in_offer_until_date
                rows between unbounded preceding and 1 preceding
            ) then 0
            else 1
        end as is_new_island
    from stays
),

stays_numbered as (
    select
        *,
        sum(is_new_island) over (
            partition by cpr, placement_direction, placing_municipality_code
            order by in_offer_from_date, in_offer_until_date
            rows unbounded preceding
        ) as island_number
    from stays_flagged
),

islands as (
    select
        cpr,
        placement_direction,
        placing_municipality_code,
        min(in_offer_from_date) as in_offer_from_date,
        {{ add_days('max(in_offer_until_date)', '-1') }} as in_offer_to_date
    from stays_numbered
    group by cpr, placement_direction, placing_municipality_code, island_number
),

months as (
    select month_start_date, month_end_date, days_in_month
    from {{ ref('int_months_spined') }}
),

island_days_in_months as (
    select
        islands.cpr,
        months.month_start_date,
        islands.placement_direction,
        islands.placing_municipality_code,
        months.days_in_month,
        {{ overlap_days('islands.in_offer_from_date', 'islands.in_offer_to_date',
                        'months.month_start_date', 'months.month_end_date') }} as n_days
    from islands
    inner join months
        on islands.in_offer_from_date <= months.month_end_date
        and islands.in_offer_to_date >= months.month_start_date
)

select
    cpr,
    month_start_date,
    placement_direction,
    placing_municipality_code,
    sum(n_days) as days_in_offer,
    days_in_month,
    sum(n_days) = days_in_month as is_in_offer_all_month
from island_days_in_months
group by cpr, month_start_date, placement_direction, placing_municipality_code, days_in_month
