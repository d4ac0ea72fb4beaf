{#- One rule (checks.md §1 claim window, §4 anchor): each paid month of
    int_school_paid_not_resident_months_paid with its claim window (potential / lost) and the
    flag's anchor person + counterparty (the municipality we paid). The contract columns of the
    lines first (int_check_school_paid_not_resident_lines selects them), then what the flag
    needs. The whole payment is the flagged amount (nothing covers it). -#}
with months_paid as (
    select *
    from {{ ref('int_school_paid_not_resident_months_paid') }}
),

claim_windows as (
    select month_start_date, claim_window
    from {{ ref('int_months_claim_windowed') }}
    where check_code = 'SCHOOL_PAID_NOT_RESIDENT'
),

person_keys as (
    select cpr, person_key
    from {{ ref('stg_keys__person_keys') }}
)

select
    cast('SCHOOL_PAID_NOT_RESIDENT' as {{ dbt.type_string() }}) as check_code,
    {{ dbt.concat(["'person_key='", 'person_keys.person_key',
                   "';counterparty='", 'months_paid.counterparty_municipality_code']) }} as anchor,
    months_paid.month_start_date,
    claim_windows.claim_window,
    cast(null as {{ dbt.type_string() }}) as grant_id,
    months_paid.payments_to_municipality_dkk as expense_dkk,
    {{ unrounded_dkk('0') }} as covered_dkk,
    months_paid.payments_to_municipality_dkk as amount_dkk,
    months_paid.cpr,
    person_keys.person_key,
    months_paid.counterparty_municipality_code,
    months_paid.cpr_municipality_code
from months_paid
inner join claim_windows
    on claim_windows.month_start_date = months_paid.month_start_date
left join person_keys
    on person_keys.cpr = months_paid.cpr
