{#- Month and day helpers of the income-optimisation checks (checks.md §1-2), built on dbt's
    cross-database macros so they stay portable. -#}

{#- First day of the month of `date_expression`, as a date. -#}
{% macro month_start(date_expression) -%}
    {{ dbt.cast(dbt.date_trunc('month', date_expression), api.Column.translate_type('date')) }}
{%- endmacro %}

{#- Last day of the month of `date_expression`, as a date. -#}
{% macro month_end(date_expression) -%}
    {{ dbt.cast(dbt.last_day(date_expression, 'month'), api.Column.translate_type('date')) }}
{%- endmacro %}

{#- `date_expression` plus `n` (an integer expression) months / days, as a date. -#}
{% macro add_months(date_expression, n) -%}
    {{ dbt.cast(dbt.dateadd('month', n, date_expression), api.Column.translate_type('date')) }}
{%- endmacro %}

{% macro add_days(date_expression, n) -%}
    {{ dbt.cast(dbt.dateadd('day', n, date_expression), api.Column.translate_type('date')) }}
{%- endmacro %}

{#- A month series: one row per `month_offset` 0 .. n_months - 1 (n_months a literal upper bound).
    Join it on `month_offset < <number of months>` and add the offset with add_months. -#}
{% macro month_offsets(n_months) -%}
    select generated_number - 1 as month_offset
    from ({{ dbt.generate_series(n_months) }}) as generated_numbers
{%- endmacro %}

{#- Days two closed date intervals share (0 when disjoint). A null end means open-ended. -#}
{% macro overlap_days(first_start, first_end, second_start, second_end) -%}
    greatest(
        0,
        {{ dbt.datediff(
            'greatest(' ~ first_start ~ ', ' ~ second_start ~ ')',
            'least(coalesce(' ~ first_end ~ ', ' ~ second_end ~ '), coalesce(' ~ second_end ~ ', ' ~ first_end ~ '))',
            'day') }} + 1
    )
{%- endmacro %}

{#- The value of an income-optimisation setting valid on as_of, cast to `data_type`
    (a scalar subquery on the seed `income_optimisation_settings`). -#}
{% macro income_optimisation_setting(setting_code, data_type) -%}
    (
        select {{ dbt.cast('setting_value', api.Column.translate_type(data_type)) }}
        from {{ ref('income_optimisation_settings') }}
        where setting_code = '{{ setting_code }}'
          and valid_from <= {{ as_of_date() }}
          and (valid_to is null or valid_to >= {{ as_of_date() }})
    )
{%- endmacro %}
