{#- Helpers shared by the nine income-optimisation checks (checks.md §2, §4). -#}

{#- An amount rounded half-up to øre (checks.md §2: once per flag line). Going through a
    decimal first keeps binary noise (14000.000000001) from deciding the rounding. -#}
{% macro round_ore(amount_expression) -%}
    round(cast({{ amount_expression }} as decimal(38, 6)), 2)
{%- endmacro %}

{#- An amount written the Danish way for evidence texts: 1.560.000,50 kr. -#}
{% macro danish_amount(amount_expression) -%}
    {{ return(adapter.dispatch('danish_amount', 'kommunelager')(amount_expression)) }}
{%- endmacro %}

{% macro default__danish_amount(amount_expression) -%}
    translate(format('{:,.2f}', cast({{ amount_expression }} as double)), ',.', '.,') || ' kr'
{%- endmacro %}

{#- A date written the Danish way for evidence texts: 01.09.2025. -#}
{% macro danish_date(date_expression) -%}
    {{ return(adapter.dispatch('danish_date', 'kommunelager')(date_expression)) }}
{%- endmacro %}

{% macro default__danish_date(date_expression) -%}
    strftime(cast({{ date_expression }} as date), '%d.%m.%Y')
{%- endmacro %}

{#- How many of the 12 forward months a grant ending on `end_date_expression` still covers
    (checks.md §2): the calendar months after month(as_of) whose last day is on or before the
    end date, at most 12; 12 when open-ended. -#}
{% macro forward_month_count(end_date_expression) -%}
    case
        when {{ end_date_expression }} is null then 12
        else least(12, greatest(0,
            {{ dbt.datediff(month_start(as_of_date()), month_start(add_days(end_date_expression, '1')), 'month') }} - 1))
    end
{%- endmacro %}

{#- First day of the first forward month (the month after month(as_of)): the `month` of a
    flag's `forward` line. -#}
{% macro forward_line_month() -%}
    {{ add_months(month_start(as_of_date()), '1') }}
{%- endmacro %}
