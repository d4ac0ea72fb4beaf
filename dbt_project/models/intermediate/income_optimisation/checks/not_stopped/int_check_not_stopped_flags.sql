{#- One rule (checks.md §4-5 NOT_STOPPED): one flag per grant paid after its stop date, with
    potential = Σ of its potential and forward lines and lost = Σ of its lost lines (each line
    rounded half-up to øre once), period = stop date … as_of − 1, and one Danish evidence
    sentence (no CPR, no name). Area = the grant's area; the counterparty is the municipality of
    the ordinary home when that is the stop reason (the new handlekommune). -#}
with raised as (
    select *
    from {{ ref('int_not_stopped_grants_raised') }}
),

grants as (
    select grant_id, area
    from {{ ref('stg_cases__grants') }}
),

person_keys as (
    select cpr, person_key
    from {{ ref('stg_keys__person_keys') }}
),

run_rates as (
    select grant_id, run_rate_dkk
    from {{ ref('int_not_stopped_run_rates_averaged') }}
),

lines_rounded as (
    select grant_id, month_start_date, claim_window, {{ round_ore('amount_dkk') }} as amount_dkk
    from {{ ref('int_check_not_stopped_lines') }}
),

lines_summed as (
    select
        grant_id,
        sum(case when claim_window in ('potential', 'forward') then amount_dkk else 0 end) as potential_amount_dkk,
        sum(case when claim_window = 'lost' then amount_dkk else 0 end) as lost_amount_dkk,
        sum(case when claim_window in ('potential', 'lost') then amount_dkk else 0 end) as past_amount_dkk,
        sum(case when claim_window = 'forward' then amount_dkk else 0 end) as forward_amount_dkk,
        sum(case when claim_window in ('potential', 'lost') then 1 else 0 end) as n_past_months,
        min(case when claim_window in ('potential', 'lost') then month_start_date end) as first_past_month_start_date,
        max(case when claim_window in ('potential', 'lost') then month_start_date end) as last_past_month_start_date
    from lines_rounded
    group by grant_id
),

flags as (
    select
        raised.*,
        grants.area,
        person_keys.person_key,
        lines_summed.potential_amount_dkk,
        lines_summed.lost_amount_dkk,
        lines_summed.past_amount_dkk,
        lines_summed.forward_amount_dkk,
        lines_summed.n_past_months,
        lines_summed.first_past_month_start_date,
        lines_summed.last_past_month_start_date,
        coalesce(run_rates.run_rate_dkk, 0) as run_rate_dkk,
        case raised.stop_reason
            when 'death' then {{ dbt.concat(["'dødsfald '", danish_date('raised.stop_event_date')]) }}
            when 'emigration' then {{ dbt.concat(["'udrejse '", danish_date('raised.stop_event_date')]) }}
            when 'ordinary_home' then {{ dbt.concat(["'flytning til almindelig bolig i '", 'raised.ordinary_home_municipality_code']) }}
            when 'case_closed' then {{ dbt.concat(["'sagen lukket '", danish_date('raised.stop_event_date')]) }}
            else {{ dbt.concat(["'bevillingen ophørte '", danish_date('raised.stop_event_date')]) }}
        end as stop_reason_text
    from raised
    inner join lines_summed on lines_summed.grant_id = raised.grant_id
    left join grants on grants.grant_id = raised.grant_id
    left join person_keys on person_keys.cpr = raised.cpr
    left join run_rates on run_rates.grant_id = raised.grant_id
),

evidenced as (
    select
        *,
        case
            when n_past_months > 0 then {{ dbt.concat([
                "': '", danish_amount('past_amount_dkk'), "' for '",
                dbt.cast('n_past_months', dbt.type_string()),
                "case when n_past_months = 1 then ' måned ' else ' måneder ' end",
                "substring(" ~ danish_date('first_past_month_start_date') ~ ", 4, 7)", "'–'",
                "substring(" ~ danish_date('last_past_month_start_date') ~ ", 4, 7)",
                "case when lost_amount_dkk <> 0 then " ~ dbt.concat(["' (heraf '", danish_amount('lost_amount_dkk'), "' forældet)'"]) ~ " else '' end"]) }}
            else {{ dbt.concat([
                "' for '", "substring(" ~ danish_date('first_raising_month_start_date') ~ ", 4, 7)",
                "' (indeværende eller forudbetalt måned, endnu ikke et beløb)'"]) }}
        end as paid_after_text
    from flags
)

select
    cast('NOT_STOPPED' as {{ dbt.type_string() }}) as check_code,
    {{ dbt.concat(["'grant_id='", 'grant_id']) }} as anchor,
    cast(null as {{ dbt.type_string() }}) as variant,
    cpr,
    person_key,
    case_id,
    grant_id,
    area,
    case when stop_reason = 'ordinary_home' then ordinary_home_municipality_code end
        as counterparty_municipality_code,
    stop_date as period_start,
    case
        when stop_date > {{ add_days(as_of_date(), '-1') }} then stop_date
        else {{ add_days(as_of_date(), '-1') }}
    end as period_end,
    cast(potential_amount_dkk as decimal(18, 2)) as potential_amount_dkk,
    cast(lost_amount_dkk as decimal(18, 2)) as lost_amount_dkk,
    {{ dbt.concat([
        "'Bevilling '", 'grant_id', "' er udbetalt efter stopdatoen '", danish_date('stop_date'),
        "' ('", 'stop_reason_text', "')'", 'paid_after_text',
        "' + '", danish_amount('forward_amount_dkk'), "' fremadrettet ('", danish_amount('run_rate_dkk'),
        "'/md. × '", dbt.cast(income_optimisation_setting('forward_months', 'integer'), dbt.type_string()), "').'"]) }}
        as evidence
from evidenced
