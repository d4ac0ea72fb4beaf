{#- One rule (checks.md §1): status 80 (emigrated), 90 (dead) and 70 (disappeared) end
    residence at STATUSHAENSTART; a span with an administrative code (0010-0019, status 20)
    gives no CPR municipality. Pre-2007 codes no longer valid are mapped to their successor
    where one exists (sources.md: keep them, map what maps, never fail). -#}
with spans as (
    select * from {{ ref('int_residence_spans_merged') }}
),

residence_ends as (
    select cpr, status_code, status_start_date as residence_end_date
    from {{ ref('stg_folkeregister__persons') }}
    where status_code in ('70', '80', '90')
      and status_start_date is not null
),

valid_codes as (
    select municipality_code from {{ ref('municipalities') }}
    union
    select municipality_code from {{ ref('cpr_special_municipality_codes') }}
),

pre2007_successors as (
    select old_municipality_code, new_municipality_code
    from {{ ref('municipalities_pre2007') }}
    where new_municipality_code is not null
),

spans_cut as (
    select
        spans.cpr,
        spans.span_number,
        spans.moved_in_date,
        case
            when residence_ends.residence_end_date is not null
                and (spans.moved_out_date is null
                     or spans.moved_out_date > residence_ends.residence_end_date)
                then residence_ends.residence_end_date
            else spans.moved_out_date
        end as moved_out_date,
        case
            when residence_ends.residence_end_date is not null
                and (spans.moved_out_date is null
                     or spans.moved_out_date >= residence_ends.residence_end_date)
                then residence_ends.status_code
        end as ending_status_code,
        spans.municipality_code as recorded_municipality_code,
        spans.road_code, spans.house_number, spans.floor, spans.door,
        spans.is_current_address,
        spans.has_corrected_record
    from spans
    left join residence_ends on residence_ends.cpr = spans.cpr
    where residence_ends.residence_end_date is null
       or spans.moved_in_date < residence_ends.residence_end_date
),

codes_mapped as (
    select
        spans_cut.*,
        case
            when valid_codes.municipality_code is not null then spans_cut.recorded_municipality_code
            else coalesce(pre2007_successors.new_municipality_code, spans_cut.recorded_municipality_code)
        end as municipality_code,
        valid_codes.municipality_code is null
            and pre2007_successors.new_municipality_code is not null as is_pre2007_code_mapped
    from spans_cut
    left join valid_codes
        on valid_codes.municipality_code = spans_cut.recorded_municipality_code
    left join pre2007_successors
        on pre2007_successors.old_municipality_code = spans_cut.recorded_municipality_code
)

select
    cpr,
    span_number,
    moved_in_date,
    moved_out_date,
    municipality_code,
    recorded_municipality_code,
    case
        when municipality_code between '0010' and '0019' then null
        else municipality_code
    end as cpr_municipality_code,
    municipality_code between '0010' and '0019' as is_administrative_code,
    is_pre2007_code_mapped,
    road_code,
    house_number,
    floor,
    door,
    is_current_address,
    has_corrected_record,
    ending_status_code
from codes_mapped
