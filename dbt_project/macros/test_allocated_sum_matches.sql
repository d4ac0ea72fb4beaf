{#- Generic test: per `group_column`, the rows' `column` sums to their (constant) `total_column`
    within `tolerance` (allocation keeps every krone: checks.md §2). -#}
{% test allocated_sum_matches(model, group_column, column, total_column, tolerance=0.000001) %}
select
    {{ group_column }},
    sum({{ column }}) as allocated_total,
    max({{ total_column }}) as expected_total
from {{ model }}
group by {{ group_column }}
having abs(sum({{ column }}) - max({{ total_column }})) > {{ tolerance }}
{% endtest %}
