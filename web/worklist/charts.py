"""Bar charts as SVG geometry computed on the server: the templates draw <rect> elements with
classes, so there is no chart script to load and nothing inline for the Content-Security-Policy."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    css: str


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(groups: list[tuple[str, dict]], series: list[Series], *, width: int = 760, height: int = 220,
              stacked: bool = False) -> dict:
    """Grouped (or stacked) vertical bars. ``groups`` is [(label, {series_key: amount})]."""
    left, bottom, top = 70, 40, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    totals = [sum(float(values.get(s.key) or 0) for s in series) if stacked
              else max([float(values.get(s.key) or 0) for s in series] or [0]) for _, values in groups]
    y_max = _nice_max(max(totals or [0]))
    slot = plot_w / max(len(groups), 1)
    bar_w = slot * 0.8 / (1 if stacked else max(len(series), 1))
    bars, labels = [], []
    for i, (label, values) in enumerate(groups):
        x0, stack = left + i * slot + slot * 0.1, 0.0
        for j, s in enumerate(series):
            amount = max(float(values.get(s.key) or 0), 0.0)
            h = plot_h * amount / y_max
            x = x0 if stacked else x0 + j * bar_w
            y = top + plot_h - h - (plot_h * stack / y_max if stacked else 0)
            if stacked:
                stack += amount
            bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(max(bar_w - 1, 1), 1), "h": round(h, 1),
                         "css": s.css, "title": f"{label}: {s.label} {danish_amount(amount)}"})
        every = max(1, -(-len(groups) // 10))  # at most about ten labels: they must not overlap
        if i % every == 0:
            labels.append({"x": round(x0 + slot * 0.4, 1), "y": height - bottom + 14, "text": label})
    ticks = [{"y": round(top + plot_h - plot_h * k / 4, 1), "text": short_amount(y_max * k / 4)} for k in range(5)]
    return {"width": width, "height": height, "left": left, "plot_right": width - 10, "bars": bars,
            "labels": labels, "ticks": ticks, "series": series, "empty": not groups}


def danish_amount(value) -> str:
    """1234.5 → '1.234,50 kr.'"""
    if value is None:
        return ""
    text = f"{Decimal(str(value)).quantize(Decimal('0.01')):,.2f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".") + " kr."


def short_amount(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f} mio.".replace(".", ",", 1)
    if value >= 1_000:
        return f"{value / 1_000:.0f} t."
    return f"{value:.0f}"
