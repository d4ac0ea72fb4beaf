{#- SCHOOL_PAID_NOT_RESIDENT flags (checks.md §4, §5): one flag per pupil (person_key) and the
    municipality we paid, from its month lines: potential / lost = the payments in potential /
    lost months, each line rounded half-up to øre once; period = first day of its first month to
    last day of its last month; area = the area of main function 3.22 (school) from
    function_area_mapping; one Danish evidence sentence (with where the pupil was CPR-registered
    in the last month counted). -#}
with lines as (
    select
        *,
        {{ round_ore('amount_dkk') }} as amount_ore_dkk,
        max(month_start_date) over (partition by anchor) as last_month_start_date
    from {{ ref('int_school_paid_not_resident_months_windowed') }}
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
        max(case when month_start_date = last_month_start_date then cpr_municipality_code end)
            as last_cpr_municipality_code,
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
            when last_cpr_municipality_code is null then 'uden CPR-kommune'
            else {{ dbt.concat(["'CPR-registreret i '", 'last_cpr_municipality_code']) }}
        end as residence_text
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
        "'Vi betalte '",
        'described.counterparty_municipality_code',
        "' for skolegang (3.22, art 4.7) i '",
        dbt.cast('described.n_months', dbt.type_string()),
        "case when described.n_months = 1 then ' måned ' else ' måneder ' end",
        danish_date('described.first_month_start_date'),
        "'–'",
        danish_date('described.period_end_date'),
        "', hvor eleven boede uden for kommunen hele måneden og ikke var i et tilbud, vi havde placeret eleven i: '",
        danish_amount('described.total_amount_dkk'),
        "' ('",
        danish_amount('described.potential_dkk'),
        "' potentielt, '",
        danish_amount('described.lost_dkk'),
        "' tabt; i den sidste måned '",
        'described.residence_text',
        "').'"
    ]) }} as evidence
from described
