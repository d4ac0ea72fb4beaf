{#- One rule (checks.md §5 CENTRAL_REFUSION, serviceloven § 176): the refund a unit's yearly
    expense gives under the thresholds of its fiscal year (seed central_refusion_thresholds):
    per tier, the tier's marginal rate × the part of the expense above the tier's threshold and
    up to the next tier's threshold (the last tier has no ceiling), summed over the tiers.
    2020 level: 25 % above 830.000, 50 % above 1.630.000, 75 % above 2.050.000 kr, so
    2.400.000 kr gives 25 % × 800.000 + 50 % × 420.000 + 75 % × 350.000 = 672.500 kr.
    A fiscal year without thresholds in the seed gives no refund (no row). The shortfall is the
    due refund minus the booked refund, computed in decimals (exact to the øre and below). -#}
with units as (
    select *
    from {{ ref('int_central_refusion_units_summed') }}
),

thresholds as (
    select
        fiscal_year,
        tier,
        cast(threshold_dkk as decimal(18, 2)) as threshold_dkk,
        cast(lead(threshold_dkk) over (partition by fiscal_year order by threshold_dkk, tier) as decimal(18, 2))
            as next_threshold_dkk,
        cast(marginal_rate as decimal(6, 4)) as marginal_rate
    from {{ ref('central_refusion_thresholds') }}
),

tier_refunds as (
    select
        units.unit_cpr,
        units.unit_kind,
        units.fiscal_year,
        sum(
            thresholds.marginal_rate * greatest(0,
                case
                    when thresholds.next_threshold_dkk is null
                        or units.expense_dkk < thresholds.next_threshold_dkk
                        then units.expense_dkk
                    else thresholds.next_threshold_dkk
                end - thresholds.threshold_dkk)
        ) as refund_due_dkk,
        min(thresholds.threshold_dkk) as first_threshold_dkk
    from units
    inner join thresholds on thresholds.fiscal_year = units.fiscal_year
    group by units.unit_cpr, units.unit_kind, units.fiscal_year
)

select
    units.unit_cpr,
    units.unit_kind,
    units.fiscal_year,
    units.unit_relation,
    units.n_persons,
    units.largest_main_function_code,
    units.expense_dkk,
    units.state_refund_dkk,
    tier_refunds.first_threshold_dkk,
    tier_refunds.refund_due_dkk,
    tier_refunds.refund_due_dkk - units.state_refund_dkk as refund_shortfall_dkk
from units
inner join tier_refunds
    on tier_refunds.unit_cpr = units.unit_cpr
    and tier_refunds.unit_kind = units.unit_kind
    and tier_refunds.fiscal_year = units.fiscal_year
