{#- fct_grants keeps every grant once, with a monthly cost for every priced grant that is not
    hourly without hours (checks.md §2). -#}
select grants.grant_id
from {{ ref('stg_cases__grants') }} as grants
left join {{ ref('fct_grants') }} as published on published.grant_id = grants.grant_id
where published.grant_id is null
   or (published.monthly_cost is null
       and grants.price is not null
       and not (grants.price_unit = 'hour' and grants.hours_per_week is null))
