{#- A row is unique by the combination of `columns` (dbt_utils' unique_combination_of_columns,
    written here so the project needs no package download). The rows are grouped by one hash of
    the columns first and only the rows of a repeated hash by their values: grouping the 15.7M
    rows of bridge_family_person by two 32- and 64-character keys held every key in memory (6 s a
    night at 1M citizens); the result is the same, a hash collision without a repeated
    combination returns nothing. -#}
{% test unique_combination(model, columns) %}
with repeated_hashes as (
    select {{ kommunelager.combination_hash(columns) }} as row_hash
    from {{ model }}
    group by 1
    having count(*) > 1
)

select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
where {{ kommunelager.combination_hash(columns) }} in (select row_hash from repeated_hashes)
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
