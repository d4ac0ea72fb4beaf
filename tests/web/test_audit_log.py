"""Revisionsspor: every event of the spec's list lands in the store, and the admin filters it by
user, action and date and exports it as CSV (itself audited)."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from web.audit.models import AuditEvent


def test_the_admin_filters_the_log_and_exports_it(login, served, client):
    controller = login("kontrollant")
    controller.get(reverse("flag", args=[served.children_flag]))
    controller.get(reverse("export"))
    admin = login("admin")
    page = admin.get(reverse("audit"), {"username": "kontrollant", "action": "flag_view"})
    events = list(page.context["page"])
    assert [e.action for e in events] == ["flag_view"] and events[0].object_ref == f"flag:{served.children_flag}"
    response = admin.get(reverse("audit_csv"), {"username": "kontrollant"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Tidspunkt (UTC)", "Bruger", "Handling"]
    assert sorted(r[2] for r in rows[1:]) == ["Eksport", "Flag vist", "Log ind"]
    export = AuditEvent.objects.filter(action="export", username="kontrollant").get()
    assert export.detail["rows"] == 3 and export.detail["areas"] == ["children"]  # raised flags in children
    assert AuditEvent.objects.filter(action="export", username="admin", object_ref="revisionsspor").count() == 1


def test_the_date_filter_takes_danish_dates(login, served):
    login("kontrollant").get(reverse("flag", args=[served.children_flag]))
    admin = login("admin")
    assert admin.get(reverse("audit"), {"date_from": "01.01.2000", "action": "flag_view"}).context["page"] \
        .paginator.count == 1
    assert admin.get(reverse("audit"), {"date_to": "01.01.2000"}).context["page"].paginator.count == 0
