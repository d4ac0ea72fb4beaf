"""Calendar arithmetic on month indexes.

Payments, charges and windows are all monthly, so months are handled as one integer
(``year * 12 + month - 1``): ranges of months are then plain ``range`` objects."""

from __future__ import annotations

import calendar
import datetime as dt

ONE_DAY = dt.timedelta(days=1)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_start(month: int) -> dt.date:
    return dt.date(month // 12, month % 12 + 1, 1)


def days_in_month(month: int) -> int:
    return calendar.monthrange(month // 12, month % 12 + 1)[1]


def month_end(month: int) -> dt.date:
    return dt.date(month // 12, month % 12 + 1, days_in_month(month))


def month_label(month: int) -> str:
    """``MM/YYYY``, as payment texts name the month they cover."""
    return f"{month % 12 + 1:02d}/{month // 12}"


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def first_working_day(month: int) -> dt.date:
    """Monthly payments go out on the first weekday of the month they cover."""
    day = month_start(month)
    while day.weekday() >= 5:
        day += ONE_DAY
    return day
