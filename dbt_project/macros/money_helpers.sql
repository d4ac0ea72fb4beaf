{#- Money and ratios are DECIMAL everywhere (issue #12, item 6): a sum of DOUBLEs depends on the
    order in which parallel threads add them, so two builds of one delivery could differ in the
    last digits. A DECIMAL sum is exact and order-free. -#}

{#- An unrounded amount in DKK (allocated postings, monthly costs, run-rates): ten decimals, so
    rounding to øre once per line (round_ore) is not decided by the truncation. -#}
{% macro unrounded_dkk(amount_expression) -%}
    cast({{ amount_expression }} as decimal(38, 10))
{%- endmacro %}

{#- numerator / denominator as a DECIMAL(38, scale); null when the denominator is 0 or null.
    DuckDB divides decimals in DOUBLE: one division of two values is deterministic (IEEE), only
    sums of doubles are not, so the quotient is cast back to DECIMAL before anything adds it. -#}
{% macro decimal_ratio(numerator, denominator, scale=10) -%}
    cast(cast({{ numerator }} as double) / nullif(cast({{ denominator }} as double), 0) as decimal(38, {{ scale }}))
{%- endmacro %}
