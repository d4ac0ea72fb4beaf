{#- Schemas are literally the folder's +schema (staging, intermediate, marts, restricted, ops,
    reference): analysts query `marts.dim_person`, never `main_marts.dim_person`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
