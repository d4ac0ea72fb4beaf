{#- Replace every CPR-shaped number (`DDMMYYSSSS`, `DDMMYY-SSSS`) in free text by `XXXXXX-XXXX`. -#}
{% macro mask_cpr_like(column) -%}
    {{ return(adapter.dispatch('mask_cpr_like', 'kommunelager')(column)) }}
{%- endmacro %}

{% macro default__mask_cpr_like(column) -%}
    regexp_replace({{ column }}, '[0-9]{6}-?[0-9]{4}', 'XXXXXX-XXXX')
{%- endmacro %}

{% macro duckdb__mask_cpr_like(column) -%}
    regexp_replace({{ column }}, '[0-9]{6}-?[0-9]{4}', 'XXXXXX-XXXX', 'g')
{%- endmacro %}

{#- True when `column` matches the regular expression `pattern`. -#}
{% macro regex_matches(column, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'kommunelager')(column, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(column, pattern) -%}
    {{ column }} rlike '{{ pattern }}'
{%- endmacro %}

{% macro duckdb__regex_matches(column, pattern) -%}
    regexp_matches({{ column }}, '{{ pattern }}')
{%- endmacro %}
