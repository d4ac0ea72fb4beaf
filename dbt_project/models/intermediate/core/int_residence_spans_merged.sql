{#- One rule: overlapping CPR address records become one non-overlapping timeline per person.
    Precedence on a day covered by several records: the current 002 address first, then a
    023 `K` (corrected) record over a blank/`Æ` one, then the later TILFLYDTO (then the later
    record in the file). Adjacent days at the same address are merged into one span. -#}
with current_addresses as (
    select
        cpr, municipality_code, road_code, house_number, floor, door,
        moved_in_date,
        {{ dbt.cast('null', api.Column.translate_type('date')) }} as moved_out_date,
        'current' as record_source,
        {{ dbt.cast('null', dbt.type_string()) }} as correction_code,
        1 as precedence_class,
        source_line
    from {{ ref('stg_folkeregister__current_addresses') }}
),

history_addresses as (
    select
        cpr, municipality_code, road_code, house_number, floor, door,
        moved_in_date,
        moved_out_date,
        'history' as record_source,
        correction_code,
        case when correction_code = 'K' then 2 else 3 end as precedence_class,
        source_line
    from {{ ref('stg_folkeregister__address_history') }}
),

candidate_records as (
    select
        *,
        row_number() over (
            partition by cpr
            order by precedence_class, moved_in_date desc, source_line desc
        ) as candidate_rank
    from (
        select * from current_addresses
        union all
        select * from history_addresses
    ) as records
    where moved_in_date is not null
      and (moved_out_date is null or moved_out_date > moved_in_date)
),

boundaries as (
    select cpr, moved_in_date as boundary_date from candidate_records
    union
    select cpr, moved_out_date as boundary_date from candidate_records
    where moved_out_date is not null
),

elementary_segments as (
    select
        cpr,
        boundary_date as segment_start_date,
        lead(boundary_date) over (partition by cpr order by boundary_date) as segment_end_date
    from boundaries
),

segment_winners as (
    select
        s.cpr, s.segment_start_date, s.segment_end_date,
        c.municipality_code, c.road_code, c.house_number, c.floor, c.door,
        c.record_source, c.correction_code,
        row_number() over (
            partition by s.cpr, s.segment_start_date order by c.candidate_rank
        ) as winner_rank
    from elementary_segments as s
    inner join candidate_records as c
        on c.cpr = s.cpr
        and c.moved_in_date <= s.segment_start_date
        and (
            c.moved_out_date is null
            or (s.segment_end_date is not null and c.moved_out_date >= s.segment_end_date)
        )
),

islands_flagged as (
    select
        *,
        case
            when lag(segment_end_date) over w is null then 1
            when lag(segment_end_date) over w <> segment_start_date then 1
            when lag(municipality_code) over w is distinct from municipality_code
                or lag(road_code) over w is distinct from road_code
                or lag(house_number) over w is distinct from house_number
                or lag(floor) over w is distinct from floor
                or lag(door) over w is distinct from door then 1
            else 0
        end as is_new_span
    from segment_winners
    where winner_rank = 1
    window w as (partition by cpr order by segment_start_date)
),

islands_numbered as (
    select
        *,
        sum(is_new_span) over (
            partition by cpr order by segment_start_date rows unbounded preceding
        ) as span_number
    from islands_flagged
),

spans as (
    select
        cpr,
        {{ dbt.cast('span_number', api.Column.translate_type('integer')) }} as span_number,
        min(segment_start_date) as moved_in_date,
        case
            when count(segment_end_date) < count(*) then null
            else max(segment_end_date)
        end as moved_out_date,
        min(municipality_code) as municipality_code,
        min(road_code) as road_code,
        min(house_number) as house_number,
        min(floor) as floor,
        min(door) as door,
        max(case when record_source = 'current' then 1 else 0 end) = 1 as is_current_address,
        max(case when correction_code = 'K' then 1 else 0 end) = 1 as has_corrected_record
    from islands_numbered
    group by cpr, span_number
)

select * from spans
