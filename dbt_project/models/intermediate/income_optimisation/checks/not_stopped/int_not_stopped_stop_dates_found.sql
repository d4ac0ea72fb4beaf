{#- One rule (checks.md §5 NOT_STOPPED, §2): a grant's stop date is the earliest of
      - the day after the grant's end — where the end of a row followed by a row of the same
        case starting the next day (a price change) is not a stop: the chain of such rows ends
        at its last row, and every row of the chain stops the day after that end;
      - the day after the case was closed;
      - the day after death (status 90) or emigration (status 80);
      - the first day of an ordinary home outside our municipality whose residence span starts
        after the grant's start_date (the start of its price-change chain).
    On a tie the first reason in this order wins (for the evidence only): death, emigration,
    ordinary home, case closed, grant end. One row per grant that has a stop date. -#}
with grants as (
    select grant_id, case_id, cpr, start_date, end_date, case_status, case_closed_date
    from {{ ref('stg_cases__grants') }}
),

grants_chained as (
    select
        *,
        case
            when {{ add_days('lag(end_date) over (partition by case_id order by start_date, grant_id)', '1') }}
                = start_date then 0
            else 1
        end as is_chain_start
    from grants
),

grants_numbered as (
    select
        *,
        sum(is_chain_start) over (
            partition by case_id order by start_date, grant_id rows unbounded preceding
        ) as chain_number
    from grants_chained
),

grant_chains as (
    select
        *,
        min(start_date) over (partition by case_id, chain_number) as chain_start_date,
        last_value(end_date) over (
            partition by case_id, chain_number
            order by start_date, grant_id
            rows between unbounded preceding and unbounded following
        ) as chain_end_date
    from grants_numbered
),

life_events as (
    select cpr, status_code, status_start_date
    from {{ ref('stg_folkeregister__persons') }}
    where status_code in ('80', '90')
      and status_start_date is not null
),

ordinary_homes as (
    select cpr, ordinary_home_from_date, cpr_municipality_code
    from {{ ref('int_ordinary_homes_identified') }}
),

stop_candidates as (
    select grant_id, {{ add_days('chain_end_date', '1') }} as stop_date, 'grant_end' as stop_reason,
           5 as reason_rank, chain_end_date as stop_event_date,
           cast(null as {{ dbt.type_string() }}) as ordinary_home_municipality_code
    from grant_chains
    where chain_end_date is not null

    union all

    select grant_id, {{ add_days('case_closed_date', '1') }}, 'case_closed',
           4, case_closed_date, cast(null as {{ dbt.type_string() }})
    from grant_chains
    where case_status = 'closed'
      and case_closed_date is not null

    union all

    select grant_chains.grant_id, {{ add_days('life_events.status_start_date', '1') }},
           case life_events.status_code when '90' then 'death' else 'emigration' end,
           case life_events.status_code when '90' then 1 else 2 end,
           life_events.status_start_date, cast(null as {{ dbt.type_string() }})
    from grant_chains
    inner join life_events on life_events.cpr = grant_chains.cpr

    union all

    select grant_chains.grant_id, ordinary_homes.ordinary_home_from_date, 'ordinary_home',
           3, ordinary_homes.ordinary_home_from_date, ordinary_homes.cpr_municipality_code
    from grant_chains
    inner join ordinary_homes
        on ordinary_homes.cpr = grant_chains.cpr
        and ordinary_homes.ordinary_home_from_date > grant_chains.chain_start_date
),

stop_candidates_ranked as (
    select
        *,
        row_number() over (partition by grant_id order by stop_date, reason_rank) as candidate_rank
    from stop_candidates
)

select
    grant_chains.grant_id,
    grant_chains.case_id,
    grant_chains.cpr,
    grant_chains.start_date,
    grant_chains.end_date,
    grant_chains.chain_start_date,
    grant_chains.chain_end_date,
    earliest.stop_date,
    earliest.stop_reason,
    earliest.stop_event_date,
    earliest.ordinary_home_municipality_code
from grant_chains
inner join stop_candidates_ranked as earliest
    on earliest.grant_id = grant_chains.grant_id
    and earliest.candidate_rank = 1
