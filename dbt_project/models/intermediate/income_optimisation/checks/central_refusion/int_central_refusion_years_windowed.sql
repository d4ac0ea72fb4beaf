{#- One rule (checks.md §5 CENTRAL_REFUSION, §4 fiscal-year line): a unit and completed fiscal
    year Y is flagged when the booked state refund is lower than the refund the thresholds give
    (a shortfall of at least one øre after half-up rounding). Its one line lies on December Y
    (month_start_date = Y-12-01) with the claim window of that month from
    int_months_claim_windowed (window_basis fiscal_year_end: potential while as_of is on or
    before 31 December Y + the window, else lost). Anchor person_key (the adult, the child
    without a parent, or the parent of a group of children) + unit (self / children) + Y.
    expense_dkk is the refund due (the amount before coverage), covered_dkk the refund booked,
    amount_dkk the difference. The contract columns first, then what the flag needs. -#}
with refunds as (
    select
        *,
        {{ dbt.cast(dbt.concat([dbt.cast('fiscal_year', dbt.type_string()), "'-12-01'"]),
                    api.Column.translate_type('date')) }} as december_start_date
    from {{ ref('int_central_refusion_refunds_computed') }}
    where {{ round_ore('refund_shortfall_dkk') }} > 0
),

claim_windows as (
    select month_start_date, claim_window, window_months
    from {{ ref('int_months_claim_windowed') }}
    where check_code = 'CENTRAL_REFUSION'
),

person_keys as (
    select cpr, person_key
    from {{ ref('stg_keys__person_keys') }}
)

select
    cast('CENTRAL_REFUSION' as {{ dbt.type_string() }}) as check_code,
    {{ dbt.concat(["'person_key='", 'person_keys.person_key',
                   "';unit='", 'refunds.unit_kind',
                   "';fiscal_year='", dbt.cast('refunds.fiscal_year', dbt.type_string())]) }} as anchor,
    refunds.december_start_date as month_start_date,
    claim_windows.claim_window,
    cast(null as {{ dbt.type_string() }}) as grant_id,
    {{ unrounded_dkk('refunds.refund_due_dkk') }} as expense_dkk,
    {{ unrounded_dkk('refunds.state_refund_dkk') }} as covered_dkk,
    {{ unrounded_dkk('refunds.refund_shortfall_dkk') }} as amount_dkk,
    refunds.unit_cpr as cpr,
    person_keys.person_key,
    refunds.unit_kind,
    refunds.unit_relation,
    refunds.fiscal_year,
    refunds.n_persons,
    refunds.largest_main_function_code,
    {{ unrounded_dkk('refunds.expense_dkk') }} as yearly_expense_dkk,
    {{ add_months(month_end('refunds.december_start_date'), 'claim_windows.window_months') }}
        as claim_window_end_date
from refunds
inner join claim_windows
    on claim_windows.month_start_date = refunds.december_start_date
left join person_keys
    on person_keys.cpr = refunds.unit_cpr
