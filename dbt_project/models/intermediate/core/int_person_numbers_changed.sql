{#- One rule (sources.md, record 001): STATUS 60 = changed number; PNRGAELD is the person's
    current number. Chains (A -> B -> C) are followed up to three steps. -#}
with changed_numbers as (
    select cpr, current_cpr
    from {{ ref('stg_folkeregister__persons') }}
    where status_code = '60'
      and current_cpr is not null
      and current_cpr <> cpr
)

select
    first_step.cpr,
    coalesce(third_step.current_cpr, second_step.current_cpr, first_step.current_cpr)
        as current_cpr,
    first_step.current_cpr as next_cpr
from changed_numbers as first_step
left join changed_numbers as second_step on second_step.cpr = first_step.current_cpr
left join changed_numbers as third_step on third_step.cpr = second_step.current_cpr
