{#- The nine checks of checks.md §5, in the spec's order. Each has the two models of the check
    contract: `int_check_<code>_lines` (anchor × month × window) and `int_check_<code>_flags`
    (one row per anchor); the flag marts union them. -#}
{% macro income_optimisation_check_codes() -%}
    {{ return([
        'PAYMUN_MISMATCH', 'MISSING_CHARGE', 'NOT_STOPPED', 'PENSION_6Y', 'SCHOOL_CHARGE',
        'SCHOOL_PAID_NOT_RESIDENT', 'BLOCK_GRANT', 'CASE_STATUS', 'CENTRAL_REFUSION',
    ]) }}
{%- endmacro %}
