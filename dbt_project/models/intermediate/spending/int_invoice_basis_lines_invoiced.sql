{#- One rule (spending.md, invoice basis): what X already paid (art 7.7 income from X for the
    person, month and main function, int_intermunicipal_months_summed) is set against the
    month's chargeable lines of that main function pro rata to their chargeable amounts (in
    equal parts when they sum to 0), whatever their basis; to invoice = chargeable − already
    invoiced, so to_invoice + already_invoiced = the chargeable amount line by line, in øre:
    the booked expense net of state refund on missing_charge lines, the municipal share per
    month (PENSION_6Y (a)'s overpaid amount) on pension_6y lines. A month is forældet
    (time-barred) when it is `lost` under checks.md §1 for the line's check (MISSING_CHARGE or
    PENSION_6Y); the invoicing period (var `invoice_period`: month, quarter or year) labels
    each line. -#}
{%- set period = var('invoice_period', 'quarter') -%}
with lines as (
    select
        netted.*,
        sum(netted.chargeable_dkk) over (
            partition by netted.cpr, netted.counterparty_municipality_code, netted.month_start_date, netted.main_function_code
        ) as main_function_chargeable_dkk,
        count(*) over (
            partition by netted.cpr, netted.counterparty_municipality_code, netted.month_start_date, netted.main_function_code
        ) as main_function_lines
    from {{ ref('int_invoice_basis_months_unioned') }} as netted
),

invoiced as (
    select
        lines.*,
        coalesce(income.income_from_municipality_dkk, 0) as income_dkk
    from lines
    left join {{ ref('int_intermunicipal_months_summed') }} as income
        on income.cpr = lines.cpr
        and income.month_start_date = lines.month_start_date
        and income.counterparty_municipality_code = lines.counterparty_municipality_code
        and income.main_function_code = lines.main_function_code
),

rounded as (
    select
        invoiced.*,
        {{ round_ore('chargeable_dkk') }} as amount_dkk,
        {{ round_ore("case when main_function_chargeable_dkk <> 0
                          then " ~ decimal_ratio('income_dkk * chargeable_dkk', 'main_function_chargeable_dkk') ~ "
                          else " ~ decimal_ratio('income_dkk', 'main_function_lines') ~ " end") }} as already_invoiced_dkk
    from invoiced
)

select
    rounded.cpr,
    rounded.counterparty_municipality_code,
    {%- if period == 'month' %}
    {{ dbt.concat([dbt.cast('extract(year from rounded.month_start_date)', dbt.type_string()), "'-'",
                   "lpad(" ~ dbt.cast('extract(month from rounded.month_start_date)', dbt.type_string()) ~ ", 2, '0')"]) }}
    {%- elif period == 'year' %}
    {{ dbt.cast('extract(year from rounded.month_start_date)', dbt.type_string()) }}
    {%- else %}
    {{ dbt.concat([dbt.cast('extract(year from rounded.month_start_date)', dbt.type_string()), "'-Q'",
                   dbt.cast(dbt.cast('floor((extract(month from rounded.month_start_date) - 1) / 3) + 1', 'integer'), dbt.type_string())]) }}
    {%- endif %} as period,
    rounded.month_start_date,
    rounded.main_function_code,
    rounded.basis,
    rounded.charge_basis,
    rounded.grant_id,
    rounded.placement_grant_id,
    rounded.expense_dkk,
    rounded.state_refund_dkk,
    rounded.amount_dkk,
    rounded.already_invoiced_dkk,
    rounded.amount_dkk - rounded.already_invoiced_dkk as to_invoice_dkk,
    claim_windows.claim_window = 'lost' as is_time_barred
from rounded
inner join {{ ref('int_months_claim_windowed') }} as claim_windows
    on claim_windows.check_code = rounded.check_code
    and claim_windows.month_start_date = rounded.month_start_date
