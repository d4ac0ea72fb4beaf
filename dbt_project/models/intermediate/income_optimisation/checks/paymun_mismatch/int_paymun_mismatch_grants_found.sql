{#- One rule (checks.md §5 PAYMUN_MISMATCH, with §1 and §3): a living, not emigrated person has
    a grant open on as_of (start_date ≤ as_of, end_date empty or ≥ as_of, price_unit ≠ once) in
    `children`, `adults` or `disability` whose paying_municipality_code differs from their CPR
    municipality on as_of, and the placement rule does not explain it.
    - No CPR municipality on as_of (no span, administrative code) never differs (§1).
    - The placement rule explains the grant when the person is in an offer on as_of
      (int_offer_stays_spanned.is_in_offer_on_as_of) placed by the grant's recorded payer:
      outbound (we placed, we stay handlekommune and pay) and inbound (X placed, the grant
      records X as payer) alike; the placing municipality is handlekommune for all the
      person's grants while they are in the offer.
    One row per grant, with the forward amount (rounded to øre: it is a flag line of its own):
    monthly cost × forward_month_count(end_date) when
    we are the recorded payer, else 0. -#}
with open_grants as (
    select
        grants.grant_id,
        grants.case_id,
        grants.cpr,
        grants.area,
        grants.start_date,
        grants.end_date,
        grants.paying_municipality_code,
        monthly_costs.monthly_cost
    from {{ ref('stg_cases__grants') }} as grants
    left join {{ ref('int_grants_monthly_costed') }} as monthly_costs
        on monthly_costs.grant_id = grants.grant_id
    where grants.cpr is not null
      and grants.area in ('children', 'adults', 'disability')
      and grants.price_unit <> 'once'
      and grants.start_date <= {{ as_of_date() }}
      and (grants.end_date is null or grants.end_date >= {{ as_of_date() }})
),

dead_or_emigrated as (
    select distinct cpr
    from {{ ref('stg_folkeregister__persons') }}
    where status_code in ('80', '90')
),

residence_on_as_of as (
    select cpr, municipality_code as cpr_municipality_code, residence_since_date
    from {{ ref('int_persons_residence_on_as_of') }}
    where municipality_code is not null
),

offers_on_as_of as (
    select distinct cpr, placing_municipality_code
    from {{ ref('int_offer_stays_spanned') }}
    where is_in_offer_on_as_of
),

mismatched as (
    select
        open_grants.*,
        residence_on_as_of.cpr_municipality_code,
        residence_on_as_of.residence_since_date,
        open_grants.paying_municipality_code = {{ our_municipality_code() }} as is_paid_by_us,
        {{ forward_month_count('open_grants.end_date') }} as forward_month_count
    from open_grants
    inner join residence_on_as_of on residence_on_as_of.cpr = open_grants.cpr
    left join dead_or_emigrated on dead_or_emigrated.cpr = open_grants.cpr
    left join offers_on_as_of
        on offers_on_as_of.cpr = open_grants.cpr
        and offers_on_as_of.placing_municipality_code = open_grants.paying_municipality_code
    where dead_or_emigrated.cpr is null
      and offers_on_as_of.cpr is null
      and open_grants.paying_municipality_code <> residence_on_as_of.cpr_municipality_code
)

select
    grant_id,
    case_id,
    cpr,
    area,
    start_date,
    end_date,
    paying_municipality_code,
    cpr_municipality_code,
    residence_since_date,
    monthly_cost,
    is_paid_by_us,
    forward_month_count,
    -- the forward line is a flag line of its own: rounded to øre here, once (checks.md §2)
    {{ round_ore('case when is_paid_by_us then coalesce(monthly_cost, 0) * forward_month_count else 0 end') }}
        as forward_amount_dkk
from mismatched
