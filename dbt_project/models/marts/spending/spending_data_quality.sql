{#- The data-quality lists that distort the forecast (spending.md), one row per finding:
    `open_grant_provider_ended`, `price_zero`, `posting_without_grant` (udisponeret forbrug),
    `booked_off_price` (> 10 % from the grant's price). Pseudonymous. -#}
with findings as (
    select 'open_grant_provider_ended' as finding_code, grant_id, cast(null as {{ dbt.type_string() }}) as posting_id,
           cpr, function_code, provider_id, cast(null as date) as month_start_date,
           cast(null as decimal(18, 2)) as amount_dkk, cast(null as decimal(38, 2)) as price_of_month_dkk,
           cast(null as decimal(38, 1)) as deviation_pct, cast(null as integer) as n_months,
           last_other_end_date as reference_date
    from {{ ref('int_spending_open_grants_provider_ended') }}
    union all
    select 'price_zero', grant_id, null, cpr, function_code, provider_id, null, price, null, null, null, start_date
    from {{ ref('stg_cases__grants') }}
    where price = 0
    union all
    select 'posting_without_grant', null, posting_id, cpr, function_code, null,
           {{ month_start('posting_date') }}, amount_dkk, null, null, null, posting_date
    from {{ ref('int_spending_postings_without_grant') }}
    union all
    select 'booked_off_price', grant_id, null, cpr, function_code, provider_id, latest_month_start_date,
           {{ round_ore('latest_booked_dkk') }}, {{ round_ore('latest_price_of_month_dkk') }},
           latest_deviation_pct, n_months_off, null
    from {{ ref('int_spending_grants_booked_off_price') }}
),

described as (
    select
        findings.*,
        case finding_code
            when 'open_grant_provider_ended' then 'Åben bevilling hos en leverandør, hvis øvrige bevillinger alle er ophørt'
            when 'price_zero' then 'Bevilling med pris 0'
            when 'posting_without_grant' then 'Udisponeret forbrug: postering på CPR uden bevilling'
            when 'booked_off_price' then 'Bogført månedsbeløb afviger mere end 10 % fra bevillingens pris'
        end as finding
    from findings
)

select
    {{ dbt.hash(dbt.concat(['described.finding_code', "'|'", "coalesce(described.grant_id, described.posting_id, '')"])) }}
        as finding_id,
    described.finding_code,
    described.finding,
    described.grant_id,
    described.posting_id,
    person_keys.person_key,
    described.function_code,
    described.provider_id,
    described.month_start_date as month,
    round(described.amount_dkk, 2) as amount_dkk,
    described.price_of_month_dkk,
    described.deviation_pct,
    described.n_months,
    described.reference_date
from described
left join {{ ref('stg_keys__person_keys') }} as person_keys on person_keys.cpr = described.cpr
