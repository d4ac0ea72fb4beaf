{#- MISSING_CHARGE flag lines (checks.md §4-5): per person + X, complete month and claim window,
    the uncovered chargeable amount — the sum over the main functions whose income from X does
    not cover them (int_missing_charge_months_covered). A covered month has no line.
    grant_id: the (b) grant carrying the largest part of the month's uncovered expense (null when
    the month is charged by the placement rule (a) only). -#}
with uncovered as (
    select *
    from {{ ref('int_missing_charge_months_covered') }}
    where not is_covered
),

grant_per_month as (
    select
        cpr,
        counterparty_municipality_code,
        month_start_date,
        grant_id,
        row_number() over (
            partition by cpr, counterparty_municipality_code, month_start_date
            order by expense_dkk desc, grant_id
        ) as grant_rank
    from uncovered
    where grant_id is not null
),

months as (
    select
        cpr,
        counterparty_municipality_code,
        month_start_date,
        claim_window,
        sum(chargeable_dkk) as expense_dkk,
        sum(covered_dkk) as covered_dkk,
        sum(uncovered_dkk) as amount_dkk
    from uncovered
    group by cpr, counterparty_municipality_code, month_start_date, claim_window
)

select
    'MISSING_CHARGE' as check_code,
    {{ dbt.concat(["'person_key='", 'person_keys.person_key', "';counterparty='", 'months.counterparty_municipality_code']) }}
        as anchor,
    months.month_start_date,
    months.claim_window,
    grant_per_month.grant_id,
    months.expense_dkk,
    months.covered_dkk,
    months.amount_dkk
from months
inner join {{ ref('stg_keys__person_keys') }} as person_keys on person_keys.cpr = months.cpr
left join grant_per_month
    on grant_per_month.cpr = months.cpr
    and grant_per_month.counterparty_municipality_code = months.counterparty_municipality_code
    and grant_per_month.month_start_date = months.month_start_date
    and grant_per_month.grant_rank = 1
