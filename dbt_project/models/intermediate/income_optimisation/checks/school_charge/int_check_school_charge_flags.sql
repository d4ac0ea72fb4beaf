{#- SCHOOL_CHARGE flags (checks.md §4, §5): one flag per pupil (person_key) and municipality X,
    from its month lines: potential / lost = the sum of its lines rounded half-up to øre once per
    line, period = first day of its first month to last day of its last month, area = the area
    of main function 3.22 (school) from function_area_mapping, one Danish evidence sentence. -#}
with lines as (
    select
        *,
        {{ round_ore('amount_dkk') }} as amount_ore_dkk
    from {{ ref('int_school_charge_months_uncovered') }}
),

school_area as (
    select max(area) as area
    from {{ ref('function_area_mapping') }}
    where main_function_prefix = '3.22'
),

anchors as (
    select
        check_code,
        anchor,
        cpr,
        person_key,
        counterparty_municipality_code,
        min(month_start_date) as first_month_start_date,
        max(month_start_date) as last_month_start_date,
        count(*) as n_months,
        sum(case when is_rate_missing then 1 else 0 end) as n_months_rate_missing,
        min(case when not is_rate_missing then expense_dkk end) as min_monthly_rate_dkk,
        max(case when not is_rate_missing then expense_dkk end) as max_monthly_rate_dkk,
        sum(amount_ore_dkk) as total_amount_dkk,
        sum(case when claim_window in ('potential', 'forward') then amount_ore_dkk else 0 end) as potential_dkk,
        sum(case when claim_window = 'lost' then amount_ore_dkk else 0 end) as lost_dkk
    from lines
    group by check_code, anchor, cpr, person_key, counterparty_municipality_code
),

described as (
    select
        anchors.*,
        {{ month_end('last_month_start_date') }} as period_end_date,
        case
            when min_monthly_rate_dkk is null then ''
            when {{ round_ore('min_monthly_rate_dkk') }} = {{ round_ore('max_monthly_rate_dkk') }}
                then {{ dbt.concat(["'; takst '", danish_amount('min_monthly_rate_dkk'), "'/md.'"]) }}
            else {{ dbt.concat(["'; takst '", danish_amount('min_monthly_rate_dkk'), "'–'",
                                danish_amount('max_monthly_rate_dkk'), "'/md.'"]) }}
        end as rate_text,
        case
            when n_months_rate_missing = 0 then ''
            when n_months_rate_missing = 1 then '; takst mangler for 1 måned'
            else {{ dbt.concat(["'; takst mangler for '", dbt.cast('n_months_rate_missing', dbt.type_string()),
                                "' måneder'"]) }}
        end as missing_rate_text
    from anchors
)

select
    described.check_code,
    described.anchor,
    cast(null as {{ dbt.type_string() }}) as variant,
    described.cpr,
    described.person_key,
    cast(null as {{ dbt.type_string() }}) as case_id,
    cast(null as {{ dbt.type_string() }}) as grant_id,
    (select area from school_area) as area,
    described.counterparty_municipality_code,
    described.first_month_start_date as period_start,
    described.period_end_date as period_end,
    cast(described.potential_dkk as decimal(18, 2)) as potential_amount_dkk,
    cast(described.lost_dkk as decimal(18, 2)) as lost_amount_dkk,
    {{ dbt.concat([
        "'Eleven var indskrevet (normal) i en af vores skoler og CPR-registreret i '",
        'described.counterparty_municipality_code',
        "' hele måneden i '",
        dbt.cast('described.n_months', dbt.type_string()),
        "case when described.n_months = 1 then ' måned ' else ' måneder ' end",
        danish_date('described.first_month_start_date'),
        "'–'",
        danish_date('described.period_end_date'),
        "', uden at '",
        'described.counterparty_municipality_code',
        "' betalte den fulde takst på 3.22: mangler '",
        danish_amount('described.total_amount_dkk'),
        "' ('",
        danish_amount('described.potential_dkk'),
        "' potentielt, '",
        danish_amount('described.lost_dkk'),
        "' tabt'",
        'described.rate_text',
        'described.missing_rate_text',
        "').'"
    ]) }} as evidence
from described
