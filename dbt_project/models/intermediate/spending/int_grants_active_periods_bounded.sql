{#- One rule (spending.md, "active" days): a grant's day is active when it lies in
    [start_date, end_date], its case is open that day (a closed case is open up to and including
    its closing date), the person is alive, not emigrated and not disappeared that day (CPR
    status 90/80/70 from its STATUSHAENSTART date: that day is no longer active), and the
    paying municipality is ours. Every condition but the payer cuts the end, so the active days
    form one period [active_start_date, active_end_date] (end empty = open-ended). One row per
    grant that we pay and that has at least one active day; a grant another municipality pays
    has none. A closed case without a closing date cannot be dated and does not cut. -#}
{%- set open_end = "cast('9999-12-31' as date)" -%}
with grants as (
    select grant_id, cpr, start_date, end_date, paying_municipality_code, case_status, case_closed_date
    from {{ ref('stg_cases__grants') }}
    where start_date is not null
      and (end_date is null or end_date >= start_date)
),

status_ends as (
    -- the last active day of a person who died, emigrated or disappeared
    select cpr, {{ add_days('status_start_date', -1) }} as last_alive_date, status_code
    from {{ ref('stg_folkeregister__persons') }}
    where status_code in ('70', '80', '90')
      and status_start_date is not null
),

bounded as (
    select
        grants.grant_id,
        grants.start_date as active_start_date,
        grants.end_date,
        case when grants.case_status = 'closed' then grants.case_closed_date end as case_closed_date,
        status_ends.last_alive_date,
        status_ends.status_code
    from grants
    left join status_ends on status_ends.cpr = grants.cpr
    where grants.paying_municipality_code = {{ our_municipality_code() }}
),

ended as (
    select
        *,
        nullif(
            least(
                coalesce(end_date, {{ open_end }}),
                coalesce(case_closed_date, {{ open_end }}),
                coalesce(last_alive_date, {{ open_end }})
            ),
            {{ open_end }}
        ) as active_end_date
    from bounded
)

select
    grant_id,
    active_start_date,
    active_end_date,
    case
        when active_end_date is null then null
        when last_alive_date = active_end_date then
            case status_code when '90' then 'death' when '80' then 'emigration' else 'disappearance' end
        when case_closed_date = active_end_date then 'case_closed'
        else 'grant_end'
    end as active_end_reason
from ended
where active_end_date is null or active_end_date >= active_start_date
