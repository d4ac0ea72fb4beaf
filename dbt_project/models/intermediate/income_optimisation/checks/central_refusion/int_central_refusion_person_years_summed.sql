{#- One rule (checks.md §2 yearly figures, §5 CENTRAL_REFUSION): per person (CPR as booked),
    completed fiscal year Y (31 December Y before as_of) and main function 5.28 / 5.38, the
    expense (dranst 1 without income from others, arts 7.6/7.7/7.8, net of reversals) and the
    state refund booked (dranst 2, positive = received), both by the postings' own
    `fiscal_year`, never by service period. Each posting counts once with its booked amount
    (the §2 kind comes from int_postings_months_allocated, one row per posting and month, so
    the posting is taken once). -#}
{%- set central_refusion_main_functions = ['5.28', '5.38'] -%}
with postings as (
    select distinct
        posting_id,
        cpr,
        fiscal_year,
        main_function_code,
        posting_amount_dkk,
        is_expense,
        is_state_refund
    from {{ ref('int_postings_months_allocated') }}
    where cpr is not null
      and main_function_code in ('{{ central_refusion_main_functions | join("', '") }}')
      and (is_expense or is_state_refund)
      and fiscal_year < {{ dbt.cast('extract(year from ' ~ as_of_date() ~ ')', api.Column.translate_type('integer')) }}
)

select
    cpr,
    fiscal_year,
    main_function_code,
    sum(case when is_expense then posting_amount_dkk else 0 end) as expense_dkk,
    sum(case when is_state_refund then -posting_amount_dkk else 0 end) as state_refund_dkk
from postings
group by cpr, fiscal_year, main_function_code
