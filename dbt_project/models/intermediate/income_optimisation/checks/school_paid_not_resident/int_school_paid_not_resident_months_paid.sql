{#- One rule (checks.md §5 SCHOOL_PAID_NOT_RESIDENT, §1 month rule): our art-4.7 payments to
    municipality X on main function 3.22 with a pupil's CPR, allocated to the months of their
    service period (int_intermunicipal_months_summed), in complete months in which the pupil
    - lived outside our municipality every day (no day with CPR municipality ours; a day without
      a CPR municipality is outside), and
    - was on no day in an offer we placed them in (placing municipality = ours: an outbound or
      local offer, checks.md §3: then we stay handlekommune and paying is correct).
    Only months with a net payment (after reversals) of at least one øre are kept. -#}
with school_payments as (
    select cpr, month_start_date, counterparty_municipality_code, payments_to_municipality_dkk
    from {{ ref('int_intermunicipal_months_summed') }}
    where main_function_code = '3.22'
      and counterparty_municipality_code <> {{ our_municipality_code() }}
),

complete_months as (
    select month_start_date
    from {{ ref('int_months_spined') }}
),

outside_months as (
    select cpr, month_start_date, cpr_municipality_code
    from {{ ref('int_residence_months_classified') }}
    where is_outside_all_month
),

months_in_our_offer as (
    select distinct cpr, month_start_date
    from {{ ref('int_offer_months_classified') }}
    where placing_municipality_code = {{ our_municipality_code() }}
      and days_in_offer > 0
)

select
    school_payments.cpr,
    school_payments.month_start_date,
    school_payments.counterparty_municipality_code,
    outside_months.cpr_municipality_code,
    school_payments.payments_to_municipality_dkk
from school_payments
inner join complete_months
    on complete_months.month_start_date = school_payments.month_start_date
inner join outside_months
    on outside_months.cpr = school_payments.cpr
    and outside_months.month_start_date = school_payments.month_start_date
left join months_in_our_offer
    on months_in_our_offer.cpr = school_payments.cpr
    and months_in_our_offer.month_start_date = school_payments.month_start_date
where months_in_our_offer.cpr is null
  and {{ round_ore('school_payments.payments_to_municipality_dkk') }} > 0
