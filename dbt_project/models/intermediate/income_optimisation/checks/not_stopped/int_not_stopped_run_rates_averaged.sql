{#- One rule (checks.md §5 NOT_STOPPED): the run-rate of a grant is its average monthly expense
    over the last `run_rate_months` (setting, default 3) complete months before month(as_of),
    taken literally: the sum of the grant's (non-exempt) expense in those months divided by their
    number, whether or not a month lies before the stop date and whether or not it had any
    expense. A negative average (more reversed than paid) gives a run-rate of 0. -#}
with run_rate_months as (
    select month_start_date
    from {{ ref('int_months_spined') }}
    where months_before_as_of <= {{ income_optimisation_setting('run_rate_months', 'integer') }}
),

grant_months as (
    select grant_id, month_start_date, expense_dkk
    from {{ ref('int_not_stopped_grant_months_expensed') }}
),

summed as (
    select
        grant_months.grant_id,
        sum(grant_months.expense_dkk) as run_rate_base_dkk
    from grant_months
    inner join run_rate_months on run_rate_months.month_start_date = grant_months.month_start_date
    group by grant_months.grant_id
)

select
    grant_id,
    run_rate_base_dkk,
    {{ income_optimisation_setting('run_rate_months', 'integer') }} as run_rate_months,
    greatest(
        {{ unrounded_dkk('0') }},
        {{ decimal_ratio('run_rate_base_dkk', income_optimisation_setting('run_rate_months', 'integer')) }}
    ) as run_rate_dkk
from summed
