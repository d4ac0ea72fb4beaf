"""Danish formats for the pages: amounts `1.234,56 kr.`, dates `22.11.2026`, months `nov. 2026`."""

import datetime as dt

from django import template

from web.worklist.charts import danish_amount

register = template.Library()
MONTHS = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")


@register.filter
def kr(value):
    return danish_amount(value) if value is not None else "–"


@register.filter
def dato(value):
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


@register.filter
def maaned(value):
    return f"{MONTHS[value.month - 1]} {value.year}" if value else "–"


@register.filter
def prioritet(value):
    return {"red": "Rød", "blue": "Blå"}.get(value, value or "–")


WINDOWS_DA = {"potential": "potentiale", "lost": "forældet", "forward": "fremadrettet"}


@register.filter
def vindue(value):
    return WINDOWS_DA.get(value, value)
