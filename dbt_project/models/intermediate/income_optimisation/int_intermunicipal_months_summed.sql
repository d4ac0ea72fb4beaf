{#- One rule (checks.md §2): per person (CPR as booked), month, other municipality X and main
    function (`H.HH`), the income from X (art 7.7 postings with counterparty X, sign flipped:
    positive = received) and our payments to X (art 4.7 postings with counterparty X).
    Income is kept per main function, so one payment covers chargeable expense in its own main
    function only and never two checks. Postings without a counterparty are left out. -#}
with allocated as (
    select cpr, month_start_date, counterparty_municipality_code, main_function_code, art, amount_dkk
    from {{ ref('int_postings_months_allocated') }}
    where cpr is not null
      and counterparty_municipality_code is not null
      and art in ('7.7', '4.7')
)

select
    cpr,
    month_start_date,
    counterparty_municipality_code,
    main_function_code,
    sum(case when art = '7.7' then -amount_dkk else 0 end) as income_from_municipality_dkk,
    sum(case when art = '4.7' then amount_dkk else 0 end) as payments_to_municipality_dkk
from allocated
group by cpr, month_start_date, counterparty_municipality_code, main_function_code
