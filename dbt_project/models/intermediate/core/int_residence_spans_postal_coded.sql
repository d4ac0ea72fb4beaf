{#- One rule (sources.md, record 003): record 023 carries no postal code, so an address takes
    the postal code of a *current* 003 address (any person's 002 + 003) with the same KOMKOD,
    VEJKOD and HUSNR; else none. The person's own 003 wins for their current address. Should
    several postal codes be seen for one key, the most frequent (then the lowest) is used. -#}
with spans as (
    select * from {{ ref('int_residence_spans_ended') }}
),

current_postal_codes as (
    select
        addresses.cpr,
        addresses.municipality_code,
        addresses.road_code,
        addresses.house_number,
        texts.postal_code
    from {{ ref('stg_folkeregister__current_addresses') }} as addresses
    inner join {{ ref('stg_folkeregister__address_texts') }} as texts
        on texts.cpr = addresses.cpr
    where texts.postal_code is not null
),

postal_code_votes as (
    select
        municipality_code, road_code, house_number, postal_code,
        row_number() over (
            partition by municipality_code, road_code, house_number
            order by count(*) desc, postal_code
        ) as vote_rank
    from current_postal_codes
    group by municipality_code, road_code, house_number, postal_code
),

postal_code_by_address as (
    select municipality_code, road_code, house_number, postal_code
    from postal_code_votes
    where vote_rank = 1
)

select
    spans.*,
    coalesce(own.postal_code, by_address.postal_code) as postal_code
from spans
left join current_postal_codes as own
    on spans.is_current_address
    and own.cpr = spans.cpr
    and own.municipality_code = spans.recorded_municipality_code
    and own.road_code = spans.road_code
    and own.house_number = spans.house_number
left join postal_code_by_address as by_address
    on by_address.municipality_code = spans.recorded_municipality_code
    and by_address.road_code = spans.road_code
    and by_address.house_number = spans.house_number
