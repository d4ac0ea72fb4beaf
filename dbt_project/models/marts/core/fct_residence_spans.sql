{#- Where each person was registered (bopælskommune) and when, from the CPR address history
    (the residence spans of checks.md §1): the web page shows a flagged person's spans next to the
    flag. Pseudonymous — no address, only the municipality. Consecutive spans in the same
    municipality (a move inside it) are one span; spans under an administrative code (no CPR
    municipality) are left out. valid_to is the last day (inclusive); null = still registered. -#}
with spans as (
    select cpr, moved_in_date, moved_out_date, cpr_municipality_code as municipality_code
    from {{ ref('int_residence_spans_ended') }}
    where cpr_municipality_code is not null
),

starts_marked as (
    select
        *,
        case
            when lag(moved_out_date) over (partition by cpr order by moved_in_date) = moved_in_date
                and lag(municipality_code) over (partition by cpr order by moved_in_date) = municipality_code
                then 0
            else 1
        end as is_new_span
    from spans
),

numbered as (
    select
        *,
        sum(is_new_span) over (partition by cpr order by moved_in_date rows unbounded preceding) as span_group
    from starts_marked
),

merged as (
    select
        cpr,
        municipality_code,
        min(moved_in_date) as valid_from,
        -- a null moved_out_date (still there) wins over any date
        case when count(*) = count(moved_out_date) then max(moved_out_date) end as moved_out_date
    from numbered
    group by cpr, municipality_code, span_group
),

person_keys as (
    select cpr, person_key from {{ ref('stg_keys__person_keys') }}
)

select
    person_keys.person_key,
    merged.municipality_code,
    merged.valid_from,
    {{ add_days('merged.moved_out_date', -1) }} as valid_to
from merged
inner join person_keys on person_keys.cpr = merged.cpr
