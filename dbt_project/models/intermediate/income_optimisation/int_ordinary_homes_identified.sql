{#- One rule (checks.md §1, §3): an *ordinary home* is a residence span outside our municipality
    (a CPR municipality that is not ours; an administrative code is never one) on no day of
    which the person is in an offer. NOT_STOPPED stops a grant at the first day of an ordinary
    home whose span starts after the grant's start_date. -#}
with spans_outside as (
    select cpr, moved_in_date, moved_out_date, cpr_municipality_code,
           municipality_code, road_code, house_number
    from {{ ref('int_residence_spans_postal_coded') }}
    where cpr_municipality_code is not null
      and cpr_municipality_code <> {{ our_municipality_code() }}
),

stays as (
    select cpr, in_offer_from_date, in_offer_to_date
    from {{ ref('int_offer_stays_spanned') }}
),

residential_addresses as (
    select distinct municipality_code, road_code, house_number
    from {{ ref('stg_cases__providers') }}
    where is_residential
)

select
    spans_outside.cpr,
    spans_outside.moved_in_date as ordinary_home_from_date,
    spans_outside.moved_out_date,
    spans_outside.cpr_municipality_code,
    residential_addresses.road_code is not null as is_at_residential_provider_address
from spans_outside
left join residential_addresses
    on residential_addresses.municipality_code = spans_outside.municipality_code
    and residential_addresses.road_code = spans_outside.road_code
    and residential_addresses.house_number = spans_outside.house_number
where not exists (
    select 1
    from stays
    where stays.cpr = spans_outside.cpr
      and (spans_outside.moved_out_date is null or stays.in_offer_from_date < spans_outside.moved_out_date)
      and (stays.in_offer_to_date is null or stays.in_offer_to_date >= spans_outside.moved_in_date)
)
