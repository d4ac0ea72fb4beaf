{#- The controllers' worklist (marts.md): one row per flag, pseudonymous. first_seen_date and
    last_seen_date come from the flag history of earlier published runs (operations.md: as_of
    dates of published runs, never wall-clock), so a rerun of the same delivery changes nothing
    and a persisting finding keeps the date it was first found. -#}
with flags as (
    select * from {{ ref('int_flags_identified') }}
),

residence_on_as_of as (
    select cpr, municipality_code
    from {{ ref('int_persons_residence_on_as_of') }}
),

history as (
    select flag_id, first_seen_date, last_seen_date
    from {{ ref('stg_state__flag_history') }}
)

select
    flags.flag_id,
    flags.check_code,
    flags.check_name,
    flags.variant,
    flags.area,
    flags.priority,
    flags.person_key,
    flags.case_id,
    flags.grant_id,
    {{ our_municipality_code() }} as our_municipality_code,
    residence_on_as_of.municipality_code as registered_municipality_code,
    flags.counterparty_municipality_code,
    flags.period_start,
    flags.period_end,
    flags.potential_amount_dkk,
    flags.lost_amount_dkk,
    flags.evidence,
    case
        when history.first_seen_date < {{ as_of_date() }} then history.first_seen_date
        else {{ as_of_date() }}
    end as first_seen_date,
    case
        when history.last_seen_date > {{ as_of_date() }} then history.last_seen_date
        else {{ as_of_date() }}
    end as last_seen_date,
    {{ as_of_date() }} as as_of
from flags
left join residence_on_as_of on residence_on_as_of.cpr = flags.cpr
left join history on history.flag_id = flags.flag_id
