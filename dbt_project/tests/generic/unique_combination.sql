{#- A row is unique by the combination of `columns` (dbt_utils' unique_combination_of_columns,
    written here so the project needs no package download). -#}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
