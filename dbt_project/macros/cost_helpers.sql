{#- The arts of income from others — the state, municipalities, regions (7.6/7.7/7.8) — that
    an expense leaves out (checks.md §2; the families' cost and spending.md's booked too). -#}
{% macro income_from_others_arts() -%}
    {{ return(['7.6', '7.7', '7.8']) }}
{%- endmacro %}

{#- SQL condition: the posting's art is not income from others. -#}
{% macro is_not_income_from_others(art_column) -%}
    {{ art_column }} not in ('{{ income_from_others_arts() | join("', '") }}')
{%- endmacro %}

{#- The areas a family's cost is split by (the values of grants.csv's area, plus `other`). -#}
{% macro cost_areas() -%}
    {{ return(['children', 'adults', 'disability', 'pension', 'employment', 'school', 'elderly', 'other']) }}
{%- endmacro %}
