{#- Flags per check and area (marts.md). A check's amounts are never added to another's
    (checks.md §4: the same krone may sit on two checks' lists), so there is no total row. -#}
with flags as (
    select * from {{ ref('income_optimisation_flags') }}
)

select
    check_code,
    max(check_name) as check_name,
    area,
    count(*) as n_flags,
    sum(case when priority = 'red' then 1 else 0 end) as n_red,
    sum(case when priority = 'blue' then 1 else 0 end) as n_blue,
    sum(potential_amount_dkk) as potential_amount_dkk,
    sum(lost_amount_dkk) as lost_amount_dkk,
    min(first_seen_date) as oldest_first_seen_date,
    max(as_of) as as_of
from flags
group by check_code, area
