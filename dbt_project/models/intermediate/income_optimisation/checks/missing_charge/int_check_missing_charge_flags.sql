{#- MISSING_CHARGE flags (checks.md §4-5): one per person + X, with its amounts summed from its
    lines rounded to øre once per line (so the lines sum exactly to the flag), the variant
    ('a' placement rule, 'b' grant paid by X, 'a+b'), the (b) grant with the largest uncovered
    amount, the area (that grant's area, else the area of the main function carrying the
    largest uncovered amount) and a Danish evidence sentence. -#}
with lines as (
    select
        anchor,
        month_start_date,
        claim_window,
        {{ round_ore('amount_dkk') }} as amount_ore
    from {{ ref('int_check_missing_charge_lines') }}
),

amounts as (
    select
        anchor,
        min(month_start_date) as first_month_date,
        max(month_start_date) as last_month_date,
        cast(sum(case when claim_window in ('potential', 'forward') then amount_ore else 0 end) as decimal(18, 2))
            as potential_amount_dkk,
        cast(sum(case when claim_window = 'lost' then amount_ore else 0 end) as decimal(18, 2))
            as lost_amount_dkk,
        sum(case when claim_window = 'potential' then 1 else 0 end) as n_potential_months,
        min(case when claim_window = 'potential' then month_start_date end) as first_potential_month_date,
        max(case when claim_window = 'potential' then month_start_date end) as last_potential_month_date,
        sum(case when claim_window = 'lost' then 1 else 0 end) as n_lost_months,
        min(case when claim_window = 'lost' then month_start_date end) as first_lost_month_date,
        max(case when claim_window = 'lost' then month_start_date end) as last_lost_month_date
    from lines
    group by anchor
),

uncovered as (
    select
        months.*,
        {{ dbt.concat(["'person_key='", 'person_keys.person_key', "';counterparty='", 'months.counterparty_municipality_code']) }}
            as anchor,
        person_keys.person_key
    from {{ ref('int_missing_charge_months_covered') }} as months
    inner join {{ ref('stg_keys__person_keys') }} as person_keys on person_keys.cpr = months.cpr
    where not months.is_covered
),

bases as (
    select
        anchor,
        cpr,
        person_key,
        counterparty_municipality_code,
        max(case when has_basis_a then 1 else 0 end) = 1 as has_basis_a,
        max(case when has_basis_b then 1 else 0 end) = 1 as has_basis_b
    from uncovered
    group by anchor, cpr, person_key, counterparty_municipality_code
),

top_grant as (
    select
        anchor,
        grant_id,
        row_number() over (partition by anchor order by sum(uncovered_dkk) desc, grant_id) as grant_rank
    from uncovered
    where grant_id is not null
    group by anchor, grant_id
),

placement_functions as (
    select
        anchor,
        {{ dbt.listagg('main_function_code', "', '", 'order by main_function_code') }} as main_function_codes
    from (select distinct anchor, main_function_code from uncovered where has_basis_a) as distinct_functions
    group by anchor
),

top_main_function as (
    select
        anchor,
        main_function_code,
        row_number() over (partition by anchor order by sum(uncovered_dkk) desc, main_function_code)
            as function_rank
    from uncovered
    group by anchor, main_function_code
),

flags as (
    select
        bases.anchor,
        case
            when bases.has_basis_a and bases.has_basis_b then 'a+b'
            when bases.has_basis_b then 'b'
            else 'a'
        end as variant,
        bases.cpr,
        bases.person_key,
        grants.case_id,
        top_grant.grant_id,
        coalesce(grants.area, function_areas.area) as area,
        bases.counterparty_municipality_code,
        placement_functions.main_function_codes,
        amounts.*
    from bases
    inner join amounts on amounts.anchor = bases.anchor
    left join placement_functions on placement_functions.anchor = bases.anchor
    left join top_grant on top_grant.anchor = bases.anchor and top_grant.grant_rank = 1
    left join {{ ref('stg_cases__grants') }} as grants on grants.grant_id = top_grant.grant_id
    left join top_main_function
        on top_main_function.anchor = bases.anchor and top_main_function.function_rank = 1
    left join {{ ref('function_area_mapping') }} as function_areas
        on function_areas.main_function_prefix = top_main_function.main_function_code
)

select
    'MISSING_CHARGE' as check_code,
    anchor,
    variant,
    cpr,
    person_key,
    case_id,
    grant_id,
    area,
    counterparty_municipality_code,
    first_month_date as period_start,
    {{ month_end('last_month_date') }} as period_end,
    potential_amount_dkk,
    lost_amount_dkk,
    {{ dbt.concat([
        "case variant"
            ~ " when 'a' then " ~ dbt.concat(["'Personen er anbragt af '", 'counterparty_municipality_code', "' i et tilbud i kommunen, men vores udgifter på '", 'main_function_codes', "' er ikke opkrævet hos '", 'counterparty_municipality_code'])
            ~ " when 'b' then " ~ dbt.concat(["'Bevilling '", 'grant_id', "' har '", 'counterparty_municipality_code', "' som betalingskommune, men vores udgifter på den er ikke opkrævet hos '", 'counterparty_municipality_code'])
            ~ " else " ~ dbt.concat(["'Personen er anbragt af '", 'counterparty_municipality_code', "' i et tilbud i kommunen, og bevilling '", 'grant_id', "' har '", 'counterparty_municipality_code', "' som betalingskommune, men vores udgifter på '", 'main_function_codes', "' og på bevillingen er ikke opkrævet hos '", 'counterparty_municipality_code'])
            ~ " end",
        "': '",
        "case when n_potential_months > 0 then "
            ~ dbt.concat([charge_evidence_months_phrase('potential_amount_dkk', 'n_potential_months', 'first_potential_month_date', 'last_potential_month_date'), "' kan kræves'"])
            ~ " else '' end",
        "case when n_potential_months > 0 and n_lost_months > 0 then ' og ' else '' end",
        "case when n_lost_months > 0 then "
            ~ dbt.concat([charge_evidence_months_phrase('lost_amount_dkk', 'n_lost_months', 'first_lost_month_date', 'last_lost_month_date'), "' er forældet'"])
            ~ " else '' end",
        "'.'"
    ]) }} as evidence
from flags
