{#- One rule (checks.md §2): monthly cost of a grant, kept unrounded (double precision):
    month: price; day: price x 365 / 12; hour: price x hours_per_week x 365 / 84 (365/7 weeks a
    year / 12 months); once: 0. An hourly grant without hours_per_week has no monthly cost. -#}
with grants as (
    select
        grant_id,
        price_unit,
        cast(price as double) as price,
        cast(hours_per_week as double) as hours_per_week
    from {{ ref('stg_cases__grants') }}
)

select
    grant_id,
    case price_unit
        when 'month' then price
        when 'day' then price * 365 / 12
        when 'hour' then price * hours_per_week * 365 / 84
        when 'once' then cast(0 as double)
    end as monthly_cost
from grants
