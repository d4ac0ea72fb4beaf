{#- Flags an earlier published run raised and this run does not (worklist.md: `ikke længere
    rejst`), exactly as the last run that raised them published them, so their decisions keep a
    flag to hang on. A flag raised again leaves this list and carries its old decisions. -#}
with history as (
    select * from {{ ref('stg_state__flag_history') }}
),

current_flags as (
    select flag_id from {{ ref('income_optimisation_flags') }}
)

select
    history.flag_id,
    history.check_code,
    history.check_name,
    history.variant,
    history.area,
    history.priority,
    history.person_key,
    history.case_id,
    history.grant_id,
    history.our_municipality_code,
    history.registered_municipality_code,
    history.counterparty_municipality_code,
    history.period_start,
    history.period_end,
    history.potential_amount_dkk,
    history.lost_amount_dkk,
    history.evidence,
    history.first_seen_date,
    history.last_seen_date,
    history.as_of,
    history.last_raised_as_of
from history
where history.flag_id not in (select flag_id from current_flags)
