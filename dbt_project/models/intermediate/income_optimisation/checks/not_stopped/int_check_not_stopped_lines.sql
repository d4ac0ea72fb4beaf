{#- One rule (checks.md §4-5 NOT_STOPPED, amounts): the month lines of each flagged grant.
    - one line per complete month lying wholly on or after the stop date with net expense on the
      grant (≠ 0 at øre): window potential / lost from the claim window of NOT_STOPPED;
    - one `forward` line (month = the month after month(as_of)): run-rate × forward_months
      (setting, 12), also when the run-rate is 0, so every flag has a line.
    Months of as_of and later (current, paid in advance) raise the flag but are no past months:
    they have no line and no amount (the forward line covers the coming months).
    Nothing covers a NOT_STOPPED line: covered_dkk = 0 and amount_dkk = expense_dkk. -#}
with raised as (
    select grant_id, stop_date
    from {{ ref('int_not_stopped_grants_raised') }}
),

claim_months as (
    select month_start_date, claim_window
    from {{ ref('int_months_claim_windowed') }}
    where check_code = 'NOT_STOPPED'
),

grant_months as (
    select grant_id, month_start_date, expense_dkk
    from {{ ref('int_not_stopped_grant_months_expensed') }}
),

run_rates as (
    select grant_id, run_rate_dkk
    from {{ ref('int_not_stopped_run_rates_averaged') }}
),

month_lines as (
    select
        raised.grant_id,
        grant_months.month_start_date,
        claim_months.claim_window,
        grant_months.expense_dkk
    from raised
    inner join grant_months
        on grant_months.grant_id = raised.grant_id
        and grant_months.month_start_date >= raised.stop_date
    inner join claim_months on claim_months.month_start_date = grant_months.month_start_date
    where {{ round_ore('grant_months.expense_dkk') }} <> 0
),

forward_lines as (
    select
        raised.grant_id,
        {{ forward_line_month() }} as month_start_date,
        'forward' as claim_window,
        coalesce(run_rates.run_rate_dkk, 0)
            * {{ income_optimisation_setting('forward_months', 'integer') }} as expense_dkk
    from raised
    left join run_rates on run_rates.grant_id = raised.grant_id
),

lines as (
    select * from month_lines
    union all
    select * from forward_lines
)

select
    cast('NOT_STOPPED' as {{ dbt.type_string() }}) as check_code,
    {{ dbt.concat(["'grant_id='", 'grant_id']) }} as anchor,
    month_start_date,
    cast(claim_window as {{ dbt.type_string() }}) as claim_window,
    grant_id,
    {{ unrounded_dkk('expense_dkk') }} as expense_dkk,
    {{ unrounded_dkk('0') }} as covered_dkk,
    {{ unrounded_dkk('expense_dkk') }} as amount_dkk
from lines
