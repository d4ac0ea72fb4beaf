{#- One rule (checks.md §5 NOT_STOPPED, §2): per grant and month, the expense we booked on the
    grant (postings matched to grants as §2 says; dranst 1 without income from others, net of
    reversals, allocated to the months of the service period), leaving out the functions of the
    exempt seed `not_stopped_exempt_functions` (a row applies to a posting when valid on its first
    service day; an empty grouping_code exempts the whole function). Every month is kept:
    complete, current and paid in advance. Unrounded. -#}
with allocated as (
    select
        allocated.posting_id,
        allocated.grant_id,
        allocated.month_start_date,
        allocated.function_code,
        allocated.grouping_code,
        allocated.amount_dkk,
        matched.first_service_date
    from {{ ref('int_postings_months_allocated') }} as allocated
    inner join {{ ref('int_postings_grants_matched') }} as matched
        on matched.posting_id = allocated.posting_id
    where allocated.is_expense
      and allocated.grant_id is not null
),

exempt_functions as (
    select function_code, grouping_code, valid_from, valid_to
    from {{ ref('not_stopped_exempt_functions') }}
),

not_exempt as (
    select *
    from allocated
    where not exists (
        select 1
        from exempt_functions
        where exempt_functions.function_code = allocated.function_code
          and (exempt_functions.grouping_code is null
               or exempt_functions.grouping_code = allocated.grouping_code)
          and exempt_functions.valid_from <= allocated.first_service_date
          and (exempt_functions.valid_to is null
               or exempt_functions.valid_to >= allocated.first_service_date)
    )
)

select
    grant_id,
    month_start_date,
    sum(amount_dkk) as expense_dkk,
    count(distinct posting_id) as n_postings
from not_exempt
group by grant_id, month_start_date
