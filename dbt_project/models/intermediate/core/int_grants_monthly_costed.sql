{#- One rule (checks.md §2): monthly cost of a grant, kept unrounded (DECIMAL(38, 10), so sums
    of it are exact and reruns byte-identical): month: price; day: price x 365 / 12; hour: price x
    hours_per_week x 365 / 84 (365/7 weeks a year / 12 months); once: 0. An hourly grant without
    hours_per_week has no monthly cost. -#}
with grants as (
    select
        grant_id,
        price_unit,
        price,
        hours_per_week
    from {{ ref('stg_cases__grants') }}
)

select
    grant_id,
    case price_unit
        when 'month' then {{ unrounded_dkk('price') }}
        when 'day' then {{ decimal_ratio('price * 365', '12') }}
        when 'hour' then {{ decimal_ratio('price * hours_per_week * 365', '84') }}
        when 'once' then {{ unrounded_dkk('0') }}
    end as monthly_cost
from grants
