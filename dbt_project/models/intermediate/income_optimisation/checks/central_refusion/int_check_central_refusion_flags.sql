{#- CENTRAL_REFUSION flags (checks.md §4, §5): one flag per unit and fiscal year Y (its anchor),
    from its one fiscal-year line: potential or lost = the shortfall rounded half-up to øre;
    period = the fiscal year (1 January – 31 December Y); person = the adult, the child without
    a parent, or the parent of a group of children; area = the area of the main function
    (5.28 / 5.38) carrying the largest part of the unit's expense, from function_area_mapping;
    one Danish evidence sentence. -#}
with lines as (
    select
        *,
        {{ round_ore('amount_dkk') }} as amount_ore_dkk
    from {{ ref('int_central_refusion_years_windowed') }}
),

areas as (
    select main_function_prefix, area
    from {{ ref('function_area_mapping') }}
),

anchors as (
    select
        check_code,
        anchor,
        cpr,
        person_key,
        unit_kind,
        unit_relation,
        fiscal_year,
        max(n_persons) as n_persons,
        max(largest_main_function_code) as largest_main_function_code,
        max(month_start_date) as december_start_date,
        max(claim_window) as claim_window,
        max(claim_window_end_date) as claim_window_end_date,
        sum(yearly_expense_dkk) as yearly_expense_dkk,
        sum(expense_dkk) as refund_due_dkk,
        sum(covered_dkk) as refund_booked_dkk,
        sum(amount_ore_dkk) as total_amount_dkk,
        sum(case when claim_window in ('potential', 'forward') then amount_ore_dkk else 0 end) as potential_dkk,
        sum(case when claim_window = 'lost' then amount_ore_dkk else 0 end) as lost_dkk
    from lines
    group by check_code, anchor, cpr, person_key, unit_kind, unit_relation, fiscal_year
),

described as (
    select
        anchors.*,
        {{ dbt.cast(dbt.concat([dbt.cast('fiscal_year', dbt.type_string()), "'-01-01'"]),
                    api.Column.translate_type('date')) }} as period_start_date,
        {{ month_end('december_start_date') }} as period_end_date,
        case unit_relation
            when 'adult' then 'en person på 18 år eller derover'
            when 'child_without_parent' then 'et barn under 18 år uden forælder i CPR'
            when 'mother' then case when n_persons = 1 then '1 barn under 18 år med mor i CPR'
                else {{ dbt.concat([dbt.cast('n_persons', dbt.type_string()), "' børn under 18 år med samme mor'"]) }} end
            when 'father' then case when n_persons = 1 then '1 barn under 18 år med far (uden mor) i CPR'
                else {{ dbt.concat([dbt.cast('n_persons', dbt.type_string()), "' børn under 18 år med samme far (uden mor)'"]) }} end
        end as unit_text,
        case
            when claim_window = 'lost' then {{ dbt.concat(["'fristen udløb '", danish_date('claim_window_end_date')]) }}
            else {{ dbt.concat(["'kan søges til '", danish_date('claim_window_end_date')]) }}
        end as window_text
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
    areas.area,
    cast(null as {{ dbt.type_string() }}) as counterparty_municipality_code,
    described.period_start_date as period_start,
    described.period_end_date as period_end,
    cast(described.potential_dkk as decimal(18, 2)) as potential_amount_dkk,
    cast(described.lost_dkk as decimal(18, 2)) as lost_amount_dkk,
    {{ dbt.concat([
        "'Regnskabsår '",
        dbt.cast('described.fiscal_year', dbt.type_string()),
        "': udgiften på 5.28/5.38 for '",
        'described.unit_text',
        "' (alder pr. '",
        danish_date('described.period_start_date'),
        "') var '",
        danish_amount('described.yearly_expense_dkk'),
        "', hvilket efter § 176-tærsklerne giver '",
        danish_amount('described.refund_due_dkk'),
        "' i statsrefusion, men der er bogført '",
        danish_amount('described.refund_booked_dkk'),
        "': mangler '",
        danish_amount('described.total_amount_dkk'),
        "' ('",
        'described.window_text',
        "').'"
    ]) }} as evidence
from described
left join areas
    on areas.main_function_prefix = described.largest_main_function_code
