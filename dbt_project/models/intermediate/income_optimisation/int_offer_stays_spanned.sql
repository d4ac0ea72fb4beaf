{#- One rule (checks.md §3, the placement rule): a person is in an offer on day d when a grant
    on a residential provider is open on d (start_date ≤ d ≤ end_date, price_unit ≠ once) and
    the person's CPR address on d has the provider's KOMKOD, VEJKOD and HUSNR. One row per grant
    and residence span that share days: the closed span of days in the offer, its direction and
    the placing municipality.
    outbound: the provider lies outside our municipality, placed_by is ours or empty;
    inbound:  placed_by = X ≠ ours (X stays handlekommune);
    local:    an offer in our municipality that we placed (no other municipality involved). -#}
with residential_providers as (
    select provider_id, municipality_code, road_code, house_number
    from {{ ref('stg_cases__providers') }}
    where is_residential
      and road_code is not null
      and house_number is not null
),

offer_grants as (
    select
        grants.grant_id,
        grants.case_id,
        grants.cpr,
        grants.provider_id,
        grants.start_date,
        grants.end_date,
        grants.placed_by_municipality_code,
        grants.paying_municipality_code,
        residential_providers.municipality_code as provider_municipality_code,
        residential_providers.road_code,
        residential_providers.house_number
    from {{ ref('stg_cases__grants') }} as grants
    inner join residential_providers on residential_providers.provider_id = grants.provider_id
    where grants.price_unit <> 'once'
      and grants.cpr is not null
),

residence_spans as (
    select
        cpr,
        moved_in_date,
        {{ add_days('moved_out_date', '-1') }} as last_day_date,
        municipality_code,
        road_code,
        house_number
    from {{ ref('int_residence_spans_postal_coded') }}
),

stays_at_offer_address as (
    select
        offer_grants.*,
        case
            when residence_spans.moved_in_date > offer_grants.start_date then residence_spans.moved_in_date
            else offer_grants.start_date
        end as in_offer_from_date,
        case
            when residence_spans.last_day_date is null then offer_grants.end_date
            when offer_grants.end_date is null then residence_spans.last_day_date
            when residence_spans.last_day_date < offer_grants.end_date then residence_spans.last_day_date
            else offer_grants.end_date
        end as in_offer_to_date
    from offer_grants
    inner join residence_spans
        on residence_spans.cpr = offer_grants.cpr
        and residence_spans.municipality_code = offer_grants.provider_municipality_code
        and residence_spans.road_code = offer_grants.road_code
        and residence_spans.house_number = offer_grants.house_number
        and (offer_grants.end_date is null or residence_spans.moved_in_date <= offer_grants.end_date)
        and (residence_spans.last_day_date is null or residence_spans.last_day_date >= offer_grants.start_date)
)

select
    cpr,
    grant_id,
    case_id,
    provider_id,
    provider_municipality_code,
    in_offer_from_date,
    in_offer_to_date,
    in_offer_from_date <= {{ as_of_date() }}
        and (in_offer_to_date is null or in_offer_to_date >= {{ as_of_date() }}) as is_in_offer_on_as_of,
    case
        when placed_by_municipality_code is not null
            and placed_by_municipality_code <> {{ our_municipality_code() }} then 'inbound'
        when provider_municipality_code <> {{ our_municipality_code() }} then 'outbound'
        else 'local'
    end as placement_direction,
    coalesce(placed_by_municipality_code, {{ our_municipality_code() }}) as placing_municipality_code,
    placed_by_municipality_code,
    paying_municipality_code
from stays_at_offer_address
