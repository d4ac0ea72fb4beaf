{#- One rule (checks.md §2): per person (CPR as booked), month and function, the expense
    (dranst 1 without arts 7.6/7.7/7.8, net of reversals), the state refund (dranst 2, as a
    positive amount received) and the chargeable amount = expense net of the dranst-2 postings
    with the same CPR on the same function and month. Unrounded. -#}
with allocated as (
    select cpr, month_start_date, function_code, main_function_code,
           amount_dkk, is_expense, is_state_refund
    from {{ ref('int_postings_months_allocated') }}
    where cpr is not null
      and (is_expense or is_state_refund)
),

summed as (
    select
        cpr,
        month_start_date,
        function_code,
        main_function_code,
        sum(case when is_expense then amount_dkk else 0 end) as expense_dkk,
        sum(case when is_state_refund then -amount_dkk else 0 end) as state_refund_dkk
    from allocated
    group by cpr, month_start_date, function_code, main_function_code
)

select
    cpr,
    month_start_date,
    function_code,
    main_function_code,
    expense_dkk,
    state_refund_dkk,
    expense_dkk - state_refund_dkk as chargeable_dkk
from summed
