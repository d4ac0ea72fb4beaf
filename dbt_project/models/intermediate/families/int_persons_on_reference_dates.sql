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
    -- the latest span per person and date in one grouped pass: the largest struct of
    -- (moved_in_date, the address, its postal code) — structs compare field by field, so the
    -- address breaks a tie on moved_in_date and the result never depends on the plan. A
    -- row_number window did not spill at 1M (3 GB), nor did arg_max(address, struct key) with
    -- 20M postings (2.5 GB); a max of one struct does (issue #14)
    select
        reference_dates.fiscal_year,
        reference_dates.reference_date,
        spans.cpr,
        max(struct_pack(
            moved_in_date := spans.moved_in_date, municipality_code := spans.municipality_code,
            road_code := spans.road_code, house_number := spans.house_number,
            floor := spans.floor, door := spans.door, postal_code := spans.postal_code)) as address
    from spans
    inner join reference_dates
        on spans.moved_in_date <= reference_dates.reference_date
        and (spans.moved_out_date is null or spans.moved_out_date > reference_dates.reference_date)
    group by reference_dates.fiscal_year, reference_dates.reference_date, spans.cpr
),

unpacked as (
    select
        fiscal_year, reference_date, cpr,
        address.municipality_code as municipality_code,
        address.road_code as road_code,
        address.house_number as house_number,
        address.floor as floor,
        address.door as door,
        address.postal_code as postal_code
    from located
)

select
    unpacked.fiscal_year,
    unpacked.reference_date,
    unpacked.cpr,
    {{ dbt.concat([
        'unpacked.municipality_code', "'-'", 'unpacked.road_code', "'-'",
        "coalesce(unpacked.house_number, '')", "'-'", "coalesce(unpacked.floor, '')", "'-'",
        "coalesce(unpacked.door, '')"]) }} as address_key,
    unpacked.municipality_code,  -- the address's parts are in address_key (nothing reads them apart)
    unpacked.postal_code,
    unpacked.municipality_code = {{ our_municipality_code() }} as is_in_our_municipality,
    residential_offers.road_code is not null as is_at_residential_offer,
    persons.sex,
    persons.birth_date,
    {{ completed_years('persons.birth_date', 'unpacked.reference_date') }} as age,
    coalesce(civil_status.civil_status_code, 'U') as civil_status_code,
    civil_status.spouse_cpr
from unpacked
left join persons on persons.cpr = unpacked.cpr
left join civil_status
    on civil_status.cpr = unpacked.cpr
    and civil_status.fiscal_year = unpacked.fiscal_year
left join residential_offers
    on residential_offers.municipality_code = unpacked.municipality_code
    and residential_offers.road_code = unpacked.road_code
    and residential_offers.house_number = unpacked.house_number
