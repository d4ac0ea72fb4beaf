{#- Flags per check and area (marts.md). A check's amounts are never added to another's
    (checks.md §4: the same krone may sit on two checks' lists), so there is no total row.
    recovered_amount_dkk and n_open come from the controllers' decisions on this run's flags: a
    flag without a decision is `ny`, and open with `under behandling`. -#}
with flags as (
    select * from {{ ref('income_optimisation_flags') }}
),

decisions as (
    select flag_id, status, recovered_amount_dkk
    from {{ ref('income_optimisation_decisions') }}
)

select
    flags.check_code,
    max(flags.check_name) as check_name,
    flags.area,
    count(*) as n_flags,
    sum(case when flags.priority = 'red' then 1 else 0 end) as n_red,
    sum(case when flags.priority = 'blue' then 1 else 0 end) as n_blue,
    sum(flags.potential_amount_dkk) as potential_amount_dkk,
    sum(flags.lost_amount_dkk) as lost_amount_dkk,
    cast(coalesce(sum(decisions.recovered_amount_dkk), 0) as decimal(18, 2)) as recovered_amount_dkk,
    sum(case when coalesce(decisions.status, 'ny') in ('ny', 'under behandling') then 1 else 0 end) as n_open,
    min(flags.first_seen_date) as oldest_first_seen_date,
    max(flags.as_of) as as_of
from flags
left join decisions on decisions.flag_id = flags.flag_id
group by flags.check_code, flags.area
