{#- One rule (checks.md §5 MISSING_CHARGE, which expense is chargeable to which municipality X):
    per posting × complete month (each posting's share of the month, §2 allocation), the
    municipality X it is chargeable to:
    (b) expense booked on a grant by its case_ref whose paying_municipality_code is X ≠ us;
    (a) expense on the refund-bearing functions (seed row valid on the month's first day) of a
        person who is all month in an inbound offer placed by X in our municipality (§3: in the
        offer all month and CPR-resident here all month, so the offer lies here).
    A posting-month belongs to at most one X and one basis, so (a) and (b) never count the same
    expense twice: (b) — the grant names its payer — wins over (a). When a person is all month
    in inbound offers of two municipalities the lowest code is taken (deterministic). -#}
with months as (
    select month_start_date, month_end_date
    from {{ ref('int_months_spined') }}
),

expense_months as (
    select
        allocated.posting_id,
        allocated.month_start_date,
        allocated.cpr,
        allocated.function_code,
        allocated.main_function_code,
        allocated.grant_id,
        allocated.grant_match_method,
        allocated.amount_dkk
    from {{ ref('int_postings_months_allocated') }} as allocated
    inner join months on months.month_start_date = allocated.month_start_date
    where allocated.is_expense
),

grants_paid_by_others as (
    select grant_id, cpr, paying_municipality_code
    from {{ ref('stg_cases__grants') }}
    where paying_municipality_code is not null
      and paying_municipality_code <> {{ our_municipality_code() }}
),

by_grant as (
    select
        expense_months.posting_id,
        expense_months.month_start_date,
        coalesce(expense_months.cpr, grants_paid_by_others.cpr) as cpr,
        grants_paid_by_others.paying_municipality_code as counterparty_municipality_code,
        'b' as charge_basis,
        expense_months.grant_id,
        expense_months.function_code,
        expense_months.main_function_code,
        expense_months.amount_dkk
    from expense_months
    inner join grants_paid_by_others on grants_paid_by_others.grant_id = expense_months.grant_id
    where expense_months.grant_match_method = 'case_ref'
),

inbound_months as (
    select
        offers.cpr,
        offers.month_start_date,
        min(offers.placing_municipality_code) as placing_municipality_code
    from {{ ref('int_offer_months_classified') }} as offers
    inner join {{ ref('int_residence_months_classified') }} as residence
        on residence.cpr = offers.cpr
        and residence.month_start_date = offers.month_start_date
        and residence.is_resident_all_month
    where offers.placement_direction = 'inbound'
      and offers.is_in_offer_all_month
    group by offers.cpr, offers.month_start_date
),

refund_bearing_months as (
    select refund_bearing.main_function_code, months.month_start_date
    from {{ ref('refund_bearing_functions') }} as refund_bearing
    inner join months
        on refund_bearing.valid_from <= months.month_start_date
        and (refund_bearing.valid_to is null or refund_bearing.valid_to >= months.month_start_date)
),

by_offer as (
    select
        expense_months.posting_id,
        expense_months.month_start_date,
        expense_months.cpr,
        inbound_months.placing_municipality_code as counterparty_municipality_code,
        'a' as charge_basis,
        expense_months.grant_id,
        expense_months.function_code,
        expense_months.main_function_code,
        expense_months.amount_dkk
    from expense_months
    inner join refund_bearing_months
        on refund_bearing_months.main_function_code = expense_months.main_function_code
        and refund_bearing_months.month_start_date = expense_months.month_start_date
    inner join inbound_months
        on inbound_months.cpr = expense_months.cpr
        and inbound_months.month_start_date = expense_months.month_start_date
    where not exists (
        select 1
        from by_grant
        where by_grant.posting_id = expense_months.posting_id
          and by_grant.month_start_date = expense_months.month_start_date
    )
)

select posting_id, month_start_date, cpr, counterparty_municipality_code, charge_basis,
       grant_id,
       function_code, main_function_code, amount_dkk
from by_grant
where cpr is not null
union all
select posting_id, month_start_date, cpr, counterparty_municipality_code, charge_basis,
       {{ dbt.cast('null', dbt.type_string()) }} as grant_id,
       function_code, main_function_code, amount_dkk
from by_offer
