{#- One rule (spending.md, data quality): an open-ended grant (no end date, started by as_of)
    whose provider's other grants have all ended before as_of — the provider may have closed
    or the person moved on, and the forecast keeps counting it. -#}
with grants as (
    select * from {{ ref('stg_cases__grants') }}
    where provider_id is not null
),

open_ended as (
    select * from grants
    where end_date is null and start_date <= {{ as_of_date() }}
),

others as (
    select
        open_ended.grant_id,
        count(*) as n_other_grants,
        max(others.end_date) as last_other_end_date,
        sum(case when others.end_date is null or others.end_date >= {{ as_of_date() }} then 1 else 0 end)
            as n_other_running
    from open_ended
    inner join grants as others
        on others.provider_id = open_ended.provider_id
        and others.case_id <> open_ended.case_id
    group by open_ended.grant_id
)

select
    open_ended.grant_id,
    open_ended.cpr,
    open_ended.function_code,
    open_ended.provider_id,
    open_ended.start_date,
    others.n_other_grants,
    others.last_other_end_date
from open_ended
inner join others on others.grant_id = open_ended.grant_id
where others.n_other_running = 0
