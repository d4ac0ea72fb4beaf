{#- One hash of several columns, for grouping by it instead of by the values (unique_combination).
    DuckDB hashes the values themselves (a 64-bit integer); elsewhere an md5 of their text. -#}
{% macro combination_hash(columns) -%}
    {{ return(adapter.dispatch('combination_hash', 'kommunelager')(columns)) }}
{%- endmacro %}

{% macro default__combination_hash(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(" ~ dbt.cast(column, dbt.type_string()) ~ ", '')") -%}
        {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}

{% macro duckdb__combination_hash(columns) -%}
    hash({{ columns | join(', ') }})
{%- endmacro %}
