{#- One rule: a person's CPR municipality and address on as_of = the residence span with
    moved_in_date <= as_of < moved_out_date. No span, or an administrative code, gives no CPR
    municipality (checks.md §1). -#}
with spans_on_as_of as (
    select *
    from {{ ref('int_residence_spans_postal_coded') }}
    where moved_in_date <= {{ as_of_date() }}
      and (moved_out_date is null or moved_out_date > {{ as_of_date() }})
)

select
    cpr,
    cpr_municipality_code as municipality_code,
    recorded_municipality_code,
    road_code,
    house_number,
    floor,
    door,
    postal_code,
    moved_in_date as residence_since_date,
    coalesce(cpr_municipality_code = {{ our_municipality_code() }}, false) as is_resident
from spans_on_as_of
