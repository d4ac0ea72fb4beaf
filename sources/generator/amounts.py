"""Money arithmetic in øre: rounding, the base's price cap and the § 176 refund tiers."""

from __future__ import annotations

# Yearly cost cap per person and function group for the clean base: below the § 176 threshold
# of 830.000 kr even after a year of price increases, so the base never earns central refusion.
YEARLY_COST_CAP = 80_000_000

# 2020 tiers of § 176 (særligt dyre enkeltsager): (from, to, percent refunded), in øre.
CENTRAL_REFUND_TIERS = ((83_000_000, 163_000_000, 25), (163_000_000, 205_000_000, 50),
                        (205_000_000, None, 75))


def divide_half_up(numerator: int, denominator: int) -> int:
    """round(numerator / denominator) half-up, for non-negative integers (Python's round() is
    half-even, which is not how the finance system rounds)."""
    return (2 * numerator + denominator) // (2 * denominator)


def price_cap(unit: str, hours_per_week: int) -> int:
    """Highest price (øre) whose yearly cost stays under YEARLY_COST_CAP in a leap year."""
    if unit == "day":
        return YEARLY_COST_CAP // 366 // 100 * 100
    if unit == "month":
        return YEARLY_COST_CAP // 12 // 100 * 100
    if unit == "hour":
        return YEARLY_COST_CAP * 7 // (366 * hours_per_week) // 100 * 100
    return YEARLY_COST_CAP


def central_refund(yearly_cost: int) -> int:
    """The § 176 refund (øre) due on one unit's yearly cost."""
    refund = 0
    for lower, upper, percent in CENTRAL_REFUND_TIERS:
        if yearly_cost > lower:
            refund += (min(yearly_cost, upper) - lower if upper else yearly_cost - lower) * percent // 100
    return refund
