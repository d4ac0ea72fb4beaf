"""Revisionsspor (admin only): the audit log, filtered by user, action and date, and as CSV."""

import csv
import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from web.accounts.roles import requires
from web.audit.models import Action, AuditEvent
from web.audit.services import record_request


class AuditFilterForm(forms.Form):
    username = forms.CharField(label="Bruger", required=False)
    action = forms.ChoiceField(label="Handling", required=False, choices=(("", "Alle"), *Action.choices))
    date_from = forms.DateField(label="Fra", required=False, input_formats=["%d.%m.%Y", "%Y-%m-%d"],
                                widget=forms.DateInput(attrs={"placeholder": "dd.mm.åååå"}))
    date_to = forms.DateField(label="Til", required=False, input_formats=["%d.%m.%Y", "%Y-%m-%d"],
                              widget=forms.DateInput(attrs={"placeholder": "dd.mm.åååå"}))


def _events(form):
    events = AuditEvent.objects.all()
    if not form.is_valid():
        return events
    data = form.cleaned_data
    if data["username"]:
        events = events.filter(username=data["username"].strip())
    if data["action"]:
        events = events.filter(action=data["action"])
    zone = timezone.get_current_timezone()
    if data["date_from"]:
        events = events.filter(occurred_at__gte=dt.datetime.combine(data["date_from"], dt.time(), zone))
    if data["date_to"]:
        events = events.filter(occurred_at__lt=dt.datetime.combine(data["date_to"] + dt.timedelta(days=1),
                                                                   dt.time(), zone))
    return events


@require_GET
@requires("read_audit")
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    page = Paginator(_events(form), 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})


@require_GET
@requires("read_audit")
def audit_csv(request):
    form = AuditFilterForm(request.GET or None)
    events = _events(form)
    record_request(request, Action.EXPORT, object_ref="revisionsspor",
                   detail={"filter": {k: str(v) for k, v in (form.cleaned_data if form.is_valid() else {}).items()
                                      if v}, "rows": events.count()})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="revisionsspor.csv"'
    response.write("\ufeff")  # Excel opens æøå right with a BOM
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Tidspunkt (UTC)", "Bruger", "Handling", "Objekt", "Begrundelse", "Klientadresse", "Detaljer"])
    for event in events.iterator():
        writer.writerow([event.occurred_at.astimezone(dt.timezone.utc).strftime("%d.%m.%Y %H:%M:%S"),
                         event.username, event.get_action_display(), event.object_ref, event.reason,
                         event.client_address, event.detail])
    return response
