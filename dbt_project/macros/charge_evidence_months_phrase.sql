{#- A Danish evidence phrase for the months of one claim window (MISSING_CHARGE, PENSION_6Y):
    "504.000,00 kr for 36 måneder 11.2023–10.2026" (one month: "14.000,00 kr for 1 måned
    10.2026"). Arguments are SQL expressions. -#}
{% macro charge_evidence_months_phrase(amount_expression, n_months_expression, first_month_expression, last_month_expression) -%}
    {{ dbt.concat([
        danish_amount(amount_expression),
        "' for '",
        dbt.cast(n_months_expression, dbt.type_string()),
        "case when " ~ n_months_expression ~ " = 1 then ' måned ' else ' måneder ' end",
        dbt.right(danish_date(first_month_expression), '7'),
        "case when " ~ first_month_expression ~ " = " ~ last_month_expression
            ~ " then '' else " ~ dbt.concat(["'–'", dbt.right(danish_date(last_month_expression), '7')]) ~ " end"
    ]) }}
{%- endmacro %}
