{#- One rule (families.md): who lives where on each family reference date — the residence span
    with moved_in <= date < moved_out. A span with an administrative code or without a road
    code is no residence (status 20), so its person belongs to no family unit; so do the dead,
    the emigrated and the disappeared (their spans end at STATUSHAENSTART). An address is
    identified by (KOMKOD, VEJKOD, HUSNR, ETAGE, SIDEDOER), normalised (sources.md); an address
    of a residential offer (providers.csv) is marked, so institution households can be told
    apart. -#}
with reference_dates as (
    select * from {{ ref('int_family_reference_dates') }}
),

spans as (
    select * from {{ ref('int_residence_spans_postal_coded') }}
    where cpr_municipality_code is not null
      and road_code is not null
),

persons as (
    select cpr, sex, birth_date from {{ ref('stg_folkeregister__persons') }}
),

civil_status as (
    select * from {{ ref('int_civil_status_on_reference_dates') }}
),

residential_offers as (
    -- a residential provider's address in CPR terms (floor and door ignored, as the offer rule)
    select distinct municipality_code, road_code, house_number
    from {{ ref('stg_cases__providers') }}
    where is_residential and road_code is not null and house_number is not null
),

located as (
    select
        reference_dates.fiscal_year,
        reference_dates.reference_date,
        spans.cpr,
        spans.municipality_code,
        spans.road_code,
        spans.house_number,
        spans.floor,
        spans.door,
        spans.postal_code,
        row_number() over (
            partition by reference_dates.fiscal_year, spans.cpr order by spans.moved_in_date desc
        ) as span_rank
    from spans
    inner join reference_dates
        on spans.moved_in_date <= reference_dates.reference_date
        and (spans.moved_out_date is null or spans.moved_out_date > reference_dates.reference_date)
)

select
    located.fiscal_year,
    located.reference_date,
    located.cpr,
    {{ dbt.concat([
        'located.municipality_code', "'-'", 'located.road_code', "'-'",
        "coalesce(located.house_number, '')", "'-'", "coalesce(located.floor, '')", "'-'",
        "coalesce(located.door, '')"]) }} as address_key,
    located.municipality_code,
    located.road_code,
    located.house_number,
    located.floor,
    located.door,
    located.postal_code,
    located.municipality_code = {{ our_municipality_code() }} as is_in_our_municipality,
    residential_offers.road_code is not null as is_at_residential_offer,
    persons.sex,
    persons.birth_date,
    {{ completed_years('persons.birth_date', 'located.reference_date') }} as age,
    coalesce(civil_status.civil_status_code, 'U') as civil_status_code,
    civil_status.spouse_cpr
from located
left join persons on persons.cpr = located.cpr
left join civil_status
    on civil_status.cpr = located.cpr
    and civil_status.fiscal_year = located.fiscal_year
left join residential_offers
    on residential_offers.municipality_code = located.municipality_code
    and residential_offers.road_code = located.road_code
    and residential_offers.house_number = located.house_number
where located.span_rank = 1
