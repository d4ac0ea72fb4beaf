"""Afgørelse and Vis CPR (worklist.md): decisions are validated per status, appended as events
and never updated or deleted (database triggers); a flag the newest run no longer raises keeps its
decisions; a reveal needs a reason, is audited first and shows the identity for that view only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from web.audit.models import AuditEvent
from web.worklist.models import Decision


def _decide(client, flag_id, **data):
    return client.post(reverse("decide", args=[flag_id]), data)


@pytest.mark.parametrize("data,field", [
    ({"status": "opkrævet"}, "recovered_amount_dkk"),
    ({"status": "delvist opkrævet"}, "recovered_amount_dkk"),
    ({"status": "delvist opkrævet", "recovered_amount_dkk": "12345,67"}, "recovered_amount_dkk"),  # = potential
    ({"status": "afvist - ikke relevant"}, "comment"),
    ({"status": "afvist - forældet", "comment": "  "}, "comment"),
    ({"status": "under behandling", "recovered_amount_dkk": "10"}, "recovered_amount_dkk"),
])
def test_a_decision_missing_what_its_status_requires_is_refused(login, served, data, field):
    response = _decide(login("kontrollant"), served.children_flag, **data)
    assert response.status_code == 400 and field in response.context["decision_form"].errors
    assert not Decision.objects.exists() and not AuditEvent.objects.filter(action="decision").exists()


@pytest.mark.parametrize("data", [
    {"status": "opkrævet", "recovered_amount_dkk": "12345,67"},
    {"status": "delvist opkrævet", "recovered_amount_dkk": "5000"},
    {"status": "afvist - forældet", "comment": "Kravet er forældet efter 3 år"},
    {"status": "under behandling", "follow_up_date": "15.12.2026"},
])
def test_a_complete_decision_is_appended_and_audited(login, served, users, data):
    client = login("kontrollant")
    assert _decide(client, served.children_flag, responsible=users["kontrol_alle"].pk, **data).status_code == 302
    decision = Decision.objects.get()
    assert decision.status == data["status"] and decision.decided_by == users["kontrollant"]
    assert decision.responsible == users["kontrol_alle"]
    audit = AuditEvent.objects.get(action="decision")
    assert audit.object_ref == f"flag:{served.children_flag}" and audit.detail["status"] == data["status"]


def test_the_newest_event_is_the_status_and_all_events_are_shown(login, served):
    client = login("kontrollant")
    _decide(client, served.children_flag, status="under behandling", comment="Ringer til kommunen")
    _decide(client, served.children_flag, status="opkrævet", recovered_amount_dkk="12.000,00")
    assert Decision.objects.count() == 2
    page = client.get(reverse("flag", args=[served.children_flag])).content.decode()
    history = page[page.index('class="decisions"'):]
    assert history.index("Opkrævet") < history.index("Under behandling")  # newest first
    assert '<span class="status">opkrævet</span>' in page  # the flag's status is its newest event
    assert "12.000,00 kr." in page and "Ringer til kommunen" in page
    listing = client.get(reverse("worklist"), {"status": "opkrævet"}).content.decode()
    assert served.children_flag in listing and served.blue_flag not in listing
    assert "12.000,00 kr." in listing  # the filter's recovered total


@pytest.mark.parametrize("table", ["audit_auditevent", "worklist_decision"])
def test_the_database_refuses_update_and_delete(login, served, table):
    _decide(login("kontrollant"), served.children_flag, status="under behandling")
    for sql in (f"update {table} set id = id", f"delete from {table}"):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    assert Decision.objects.count() == 1


def test_the_app_has_no_edit_path_either(login, served):
    _decide(login("kontrollant"), served.children_flag, status="under behandling")
    decision = Decision.objects.get()
    decision.status = "opkrævet"
    with pytest.raises(ValueError):
        decision.save()
    with pytest.raises(ValueError):
        AuditEvent.objects.first().delete()


def test_a_flag_no_longer_raised_keeps_its_decisions_and_can_be_filtered(login, served):
    client = login("kontrollant")
    assert _decide(client, served.old_flag, status="opkrævet", recovered_amount_dkk="7777").status_code == 302
    default = client.get(reverse("worklist")).content.decode()
    assert served.old_flag not in default
    gone = client.get(reverse("worklist"), {"raised": "nej"}).content.decode()
    assert served.old_flag in gone and "ikke længere rejst" in gone and served.children_flag not in gone
    page = client.get(reverse("flag", args=[served.old_flag])).content.decode()
    assert "ikke længere rejst" in page and "22.10.2026" in page and "7.777,00 kr." in page


def test_decisions_survive_a_new_published_file(login, served):
    """A rebuild replaces the analysts' file; the decision store is untouched and the page reads
    the new file without a restart."""
    import duckdb

    client = login("kontrollant")
    _decide(client, served.children_flag, status="opkrævet", recovered_amount_dkk="100")
    replacement = served.analysts_file.with_suffix(".new")
    replacement.unlink(missing_ok=True)
    con = duckdb.connect(str(replacement))
    try:
        con.execute(f"attach '{served.analysts_file}' as old (read_only)")
        for schema in ("marts", "reference", "ops"):
            con.execute(f"create schema {schema}")
            for (table,) in con.execute("select table_name from duckdb_tables() where database_name = 'old' "
                                        "and schema_name = ?", [schema]).fetchall():
                con.execute(f"create table {schema}.{table} as select * from old.{schema}.{table}")
        con.execute("update marts.income_optimisation_flags set potential_amount_dkk = 99999.99 "
                    f"where flag_id = '{served.children_flag}'")
    finally:
        con.close()
    original = served.analysts_file.with_suffix(".orig")
    served.analysts_file.rename(original)
    replacement.rename(served.analysts_file)
    try:
        page = client.get(reverse("flag", args=[served.children_flag])).content.decode()
        assert "99.999,99 kr." in page and "Opkrævet" in page
    finally:
        served.analysts_file.unlink()
        original.rename(served.analysts_file)


def test_reveal_needs_a_reason_of_ten_characters(login, served):
    client = login("kontrollant")
    response = client.post(reverse("reveal_cpr", args=[served.children_flag]), {"reason": "fordi jeg"})
    assert response.status_code == 400 and served.cpr_p1 not in response.content.decode()
    assert not AuditEvent.objects.filter(action="cpr_reveal").exists()


def test_reveal_is_audited_then_shows_the_identity_for_this_view_only(login, served):
    client = login("kontrollant")
    response = client.post(reverse("reveal_cpr", args=[served.children_flag]),
                           {"reason": "Opkrævning hos bopælskommunen"})
    page = response.content.decode()
    assert response.status_code == 200 and f"{served.cpr_p1[:6]}-{served.cpr_p1[6:]}" in page
    assert "Åse Ørnsø" in page and "Søvej 1" in page
    assert response["Cache-Control"] == "no-store"
    title = page[page.index("<title>"):page.index("</title>")]
    assert served.cpr_p1[:6] not in title
    event = AuditEvent.objects.get(action="cpr_reveal")
    assert event.reason == "Opkrævning hos bopælskommunen" and event.username == "kontrollant"
    assert "P1" in event.object_ref and served.cpr_p1 not in str(event.__dict__)
    # the next view of the page shows no CPR number
    assert served.cpr_p1[6:] not in client.get(reverse("flag", args=[served.children_flag])).content.decode()


def test_a_person_missing_from_the_identity_file_is_an_unknown_person(login, served):
    response = login("kontrollant").post(reverse("reveal_cpr", args=[served.unknown_person_flag]),
                                         {"reason": "Opkrævning hos bopælskommunen"})
    assert response.status_code == 200 and "Ukendt person" in response.content.decode()


def test_a_cpr_number_typed_into_a_reason_or_comment_is_masked_in_the_audit(login, served):
    client = login("kontrollant")
    client.post(reverse("reveal_cpr", args=[served.children_flag]), {"reason": f"Sag om {served.cpr_p2} mv."})
    _decide(client, served.children_flag, status="afvist - ikke relevant", comment=f"Se {served.cpr_p2}")
    for event in AuditEvent.objects.all():
        assert served.cpr_p2 not in f"{event.reason} {event.object_ref} {event.detail}"
    assert AuditEvent.objects.filter(reason__contains=f"{served.cpr_p2[:6]}-XXXX").count() == 2


def test_amounts_are_kept_to_the_ore(login, served):
    _decide(login("kontrollant"), served.children_flag, status="delvist opkrævet", recovered_amount_dkk="1.234,56")
    assert Decision.objects.get().recovered_amount_dkk == Decimal("1234.56")
