{#- PENSION_6Y flags (checks.md §4-5): one per person + variant + awarding municipality, amounts
    summed from its lines rounded to øre once per line (potential = potential + forward lines).
    area: the area of main function 5.48 (function_area_mapping: pension). Counterparty: (b) the
    awarding municipality; (a) the municipality the pensioner lives in (on as_of, else in the
    last overpaid month). Period: first and last day of the past months it counts; a flag with
    only a forward line covers the forward months. Evidence: one Danish sentence on the pension
    with the largest amount. -#}
with lines as (
    select anchor, month_start_date, claim_window, {{ round_ore('amount_dkk') }} as amount_ore
    from {{ ref('int_check_pension_6y_lines') }}
),

amounts as (
    select
        anchor,
        min(case when claim_window <> 'forward' then month_start_date end) as first_month_date,
        max(case when claim_window <> 'forward' then month_start_date end) as last_month_date,
        cast(sum(case when claim_window in ('potential', 'forward') then amount_ore else 0 end) as decimal(18, 2))
            as potential_amount_dkk,
        cast(sum(case when claim_window = 'lost' then amount_ore else 0 end) as decimal(18, 2))
            as lost_amount_dkk,
        cast(sum(case when claim_window = 'potential' then amount_ore else 0 end) as decimal(18, 2))
            as potential_months_amount_dkk,
        cast(sum(case when claim_window = 'forward' then amount_ore else 0 end) as decimal(18, 2))
            as forward_amount_dkk,
        sum(case when claim_window = 'potential' then 1 else 0 end) as n_potential_months,
        min(case when claim_window = 'potential' then month_start_date end) as first_potential_month_date,
        max(case when claim_window = 'potential' then month_start_date end) as last_potential_month_date,
        sum(case when claim_window = 'lost' then 1 else 0 end) as n_lost_months,
        min(case when claim_window = 'lost' then month_start_date end) as first_lost_month_date,
        max(case when claim_window = 'lost' then month_start_date end) as last_lost_month_date
    from lines
    group by anchor
),

pension_amounts as (
    select cpr, 'a' as variant, awarding_municipality_code, pension_source_line, month_start_date,
           claim_window, residence_municipality_code, municipal_share_per_month_dkk, n_months,
           overpaid_dkk as amount_dkk
    from {{ ref('int_pension_6y_overpaid_months') }}
    union all
    select cpr, 'b' as variant, awarding_municipality_code, pension_source_line, month_start_date,
           claim_window, awarding_municipality_code as residence_municipality_code,
           null as municipal_share_per_month_dkk, 1 as n_months, uncovered_dkk as amount_dkk
    from {{ ref('int_pension_6y_uncovered_months') }}
),

anchored as (
    select
        pension_amounts.*,
        person_keys.person_key,
        {{ dbt.concat(["'person_key='", 'person_keys.person_key', "';variant='", 'pension_amounts.variant',
                       "';awarding='", 'pension_amounts.awarding_municipality_code']) }} as anchor
    from pension_amounts
    inner join {{ ref('stg_keys__person_keys') }} as person_keys on person_keys.cpr = pension_amounts.cpr
),

top_pension as (
    select
        anchor, cpr, person_key, variant, awarding_municipality_code, pension_source_line,
        row_number() over (partition by anchor order by sum(amount_dkk) desc, pension_source_line)
            as pension_rank
    from anchored
    group by anchor, cpr, person_key, variant, awarding_municipality_code, pension_source_line
),

counterparty as (
    select
        anchor,
        residence_municipality_code,
        row_number() over (
            partition by anchor
            order by case when claim_window = 'forward' then 0 else 1 end, month_start_date desc
        ) as recency_rank
    from anchored
),

forward_terms as (
    select anchor, sum(municipal_share_per_month_dkk) as share_per_month_dkk, max(n_months) as n_forward_months
    from anchored
    where claim_window = 'forward'
    group by anchor
),

flags as (
    select
        top_pension.anchor,
        top_pension.variant,
        top_pension.cpr,
        top_pension.person_key,
        pensions.pension_type,
        pensions.awarded_date,
        pensions.awarding_municipality_code,
        pensions.six_years_start_date,
        pensions.six_years_end_date,
        counterparty.residence_municipality_code as counterparty_municipality_code,
        forward_terms.share_per_month_dkk,
        forward_terms.n_forward_months,
        amounts.*
    from top_pension
    inner join amounts on amounts.anchor = top_pension.anchor
    inner join {{ ref('int_pension_6y_six_years_dated') }} as pensions
        on pensions.pension_source_line = top_pension.pension_source_line
    left join counterparty on counterparty.anchor = top_pension.anchor and counterparty.recency_rank = 1
    left join forward_terms on forward_terms.anchor = top_pension.anchor
    where top_pension.pension_rank = 1
)

select
    'PENSION_6Y' as check_code,
    flags.anchor,
    flags.variant,
    flags.cpr,
    flags.person_key,
    {{ dbt.cast('null', dbt.type_string()) }} as case_id,
    {{ dbt.cast('null', dbt.type_string()) }} as grant_id,
    function_areas.area,
    case when flags.variant = 'b' then flags.awarding_municipality_code
         else flags.counterparty_municipality_code end as counterparty_municipality_code,
    coalesce(flags.first_month_date, {{ forward_line_month() }}) as period_start,
    case
        when flags.last_month_date is not null then {{ month_end('flags.last_month_date') }}
        else {{ add_days(add_months(forward_line_month(), 'flags.n_forward_months'), '-1') }}
    end as period_end,
    flags.potential_amount_dkk,
    flags.lost_amount_dkk,
    {{ dbt.concat([
        "case flags.pension_type when 'seniorpension' then 'Seniorpension' else 'Førtidspension' end",
        "' tilkendt af '", 'flags.awarding_municipality_code',
        "' den '", danish_date('flags.awarded_date'),
        "case flags.variant when 'a' then "
            ~ dbt.concat(["'; seksårsperioden '", danish_date('flags.six_years_start_date'), "'–'",
                          danish_date('flags.six_years_end_date'),
                          "' er udløbet, og pensionisten bor uden for kommunen, men pensionen betales stadig af '",
                          'flags.awarding_municipality_code'])
            ~ " else "
            ~ dbt.concat(["'; pensionisten har boet i kommunen i seksårsperioden '",
                          danish_date('flags.six_years_start_date'), "'–'", danish_date('flags.six_years_end_date'),
                          "', men vores udgift på 5.48 er ikke refunderet af '", 'flags.awarding_municipality_code'])
            ~ " end",
        "': '",
        "case when flags.n_potential_months > 0 then "
            ~ dbt.concat([charge_evidence_months_phrase('flags.potential_months_amount_dkk', 'flags.n_potential_months',
                                                        'flags.first_potential_month_date', 'flags.last_potential_month_date'),
                          "' kan kræves'"])
            ~ " else '' end",
        "case when flags.n_potential_months > 0 and flags.forward_amount_dkk > 0 then ' + ' else '' end",
        "case when flags.forward_amount_dkk > 0 then "
            ~ dbt.concat([danish_amount('flags.forward_amount_dkk'), "' fremadrettet ('",
                          danish_amount('flags.share_per_month_dkk'), "'/md. × '",
                          dbt.cast('flags.n_forward_months', dbt.type_string()), "')'"])
            ~ " else '' end",
        "case when flags.n_lost_months > 0 and (flags.n_potential_months > 0 or flags.forward_amount_dkk > 0) then ' og ' else '' end",
        "case when flags.n_lost_months > 0 then "
            ~ dbt.concat([charge_evidence_months_phrase('flags.lost_amount_dkk', 'flags.n_lost_months',
                                                        'flags.first_lost_month_date', 'flags.last_lost_month_date'),
                          "' er forældet'"])
            ~ " else '' end",
        "'.'"
    ]) }} as evidence
from flags
left join {{ ref('function_area_mapping') }} as function_areas
    on function_areas.main_function_prefix = '5.48'
