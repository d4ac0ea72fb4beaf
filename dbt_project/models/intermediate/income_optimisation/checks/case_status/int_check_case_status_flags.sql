{#- One rule (checks.md §4-5 CASE_STATUS): one flag per grant and sub-rule.
    (1) closed case, grant without end or ending after the closing date: period = the day after
        closing … as_of − 1 (or the grant's end when it ended before as_of); potential = its
        forward line (monthly cost × min(12, n) if still open, else 0).
    (2) stale grant: period = the first day … the last day of the last 3 complete months without
        expense; potential 0.
    Lost is always 0. Area = the grant's area; no counterparty. One Danish evidence sentence. -#}
{%- set as_of_minus_1 = add_days(as_of_date(), '-1') -%}
with closed_case_grants as (
    select *
    from {{ ref('int_case_status_closed_case_grants_found') }}
),

stale_grants as (
    select *
    from {{ ref('int_case_status_stale_grants_found') }}
),

lines_summed as (
    select
        anchor,
        sum(case when claim_window in ('potential', 'forward') then {{ round_ore('amount_dkk') }} else 0 end)
            as potential_amount_dkk,
        sum(case when claim_window = 'lost' then {{ round_ore('amount_dkk') }} else 0 end)
            as lost_amount_dkk
    from {{ ref('int_check_case_status_lines') }}
    group by anchor
),

person_keys as (
    select cpr, person_key
    from {{ ref('stg_keys__person_keys') }}
),

sub_rule_1 as (
    select
        grant_id,
        '1' as variant,
        cpr,
        case_id,
        area,
        {{ add_days('case_closed_date', '1') }} as period_start,
        case
            when end_date is not null and end_date < {{ as_of_minus_1 }} then end_date
            else {{ as_of_minus_1 }}
        end as period_end,
        {{ dbt.concat([
            "'Sag '", 'case_id', "' er lukket '", danish_date('case_closed_date'), "', men bevilling '", 'grant_id',
            "case when end_date is null then ' har ingen slutdato' else " ~ dbt.concat(["' slutter først '", danish_date('end_date')]) ~ " end",
            "case when is_open_on_as_of then " ~ dbt.concat([
                "' og er stadig åben: '", danish_amount('monthly_cost * forward_month_count'), "' fremadrettet ('",
                danish_amount('monthly_cost'), "'/md. × '", dbt.cast('forward_month_count', dbt.type_string()), "').'"])
            ~ " else ' og er ikke åben i dag: 0,00 kr.' end"]) }} as evidence
    from closed_case_grants
),

sub_rule_2 as (
    select
        grant_id,
        '2' as variant,
        cpr,
        case_id,
        area,
        stale_from_month_start_date as period_start,
        {{ month_end('stale_to_month_start_date') }} as period_end,
        {{ dbt.concat([
            "'Bevilling '", 'grant_id', "' er åben og betales af '", 'paying_municipality_code', "' ('",
            danish_amount('monthly_cost'), "'/md.), men har ingen udgift i de seneste '",
            dbt.cast(income_optimisation_setting('stale_grant_months', 'integer'), dbt.type_string()),
            "' hele måneder '", "substring(" ~ danish_date('stale_from_month_start_date') ~ ", 4, 7)", "'–'",
            "substring(" ~ danish_date('stale_to_month_start_date') ~ ", 4, 7)",
            "' (forstyrrer prognosen).'"]) }} as evidence
    from stale_grants
),

flags as (
    select * from sub_rule_1
    union all
    select * from sub_rule_2
)

select
    cast('CASE_STATUS' as {{ dbt.type_string() }}) as check_code,
    {{ dbt.concat(["'grant_id='", 'flags.grant_id', "';sub_rule='", 'flags.variant']) }} as anchor,
    cast(flags.variant as {{ dbt.type_string() }}) as variant,
    flags.cpr,
    person_keys.person_key,
    flags.case_id,
    flags.grant_id,
    flags.area,
    cast(null as {{ dbt.type_string() }}) as counterparty_municipality_code,
    flags.period_start,
    flags.period_end,
    cast(lines_summed.potential_amount_dkk as decimal(18, 2)) as potential_amount_dkk,
    cast(lines_summed.lost_amount_dkk as decimal(18, 2)) as lost_amount_dkk,
    flags.evidence
from flags
inner join lines_summed
    on lines_summed.anchor = {{ dbt.concat(["'grant_id='", 'flags.grant_id', "';sub_rule='", 'flags.variant']) }}
left join person_keys on person_keys.cpr = flags.cpr
