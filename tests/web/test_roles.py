"""Every row of worklist.md's roles table, for every role, through Django's test client: what a
role may do works; what it may not is refused (403) and audited; a flag outside a controller's
areas is not found (404) whatever the URL says."""

from __future__ import annotations

import pytest
from django.urls import reverse

from web.audit.models import AuditEvent

ROLES = ("kontrollant", "analytiker", "admin")

# (name, method, url builder, allowed roles, success status)
ACTIONS = [
    ("worklist", "get", lambda s: reverse("worklist"), set(ROLES), 200),
    ("flag page", "get", lambda s: reverse("flag", args=[s.children_flag]), set(ROLES), 200),
    ("overview", "get", lambda s: reverse("overview"), set(ROLES), 200),
    ("export", "get", lambda s: reverse("export"), {"kontrollant", "analytiker"}, 200),
    ("decide", "post", lambda s: reverse("decide", args=[s.children_flag]), {"kontrollant"}, 302),
    ("reveal CPR", "post", lambda s: reverse("reveal_cpr", args=[s.children_flag]), {"kontrollant"}, 200),
    ("audit log", "get", lambda s: reverse("audit"), {"admin"}, 200),
    ("audit CSV", "get", lambda s: reverse("audit_csv"), {"admin"}, 200),
    ("users", "get", lambda s: reverse("users"), {"admin"}, 200),
    ("add user", "post", lambda s: reverse("users"), {"admin"}, 302),
]
FORMS = {
    "decide": {"status": "under behandling", "comment": "Ser på sagen"},
    "reveal CPR": {"reason": "Opkrævning hos bopælskommunen"},
    "add user": {"username": "ny_bruger", "role": "analyst", "password": ""},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,method,url,allowed,success", ACTIONS, ids=[a[0] for a in ACTIONS])
def test_each_role_may_do_exactly_what_the_roles_table_says(login, served, role, name, method, url, allowed,
                                                           success):
    client = login(role)
    before = AuditEvent.objects.filter(action="refused").count()
    response = getattr(client, method)(url(served), FORMS.get(name, {}))
    if role in allowed:
        assert response.status_code == success, (role, name, response.status_code)
        assert AuditEvent.objects.filter(action="refused").count() == before
    else:
        assert response.status_code == 403, (role, name, response.status_code)
        refused = AuditEvent.objects.filter(action="refused").latest("id")
        assert refused.username == role and AuditEvent.objects.filter(action="refused").count() == before + 1


@pytest.mark.parametrize("name,method,url", [(a[0], a[1], a[2]) for a in ACTIONS])
def test_anonymous_requests_go_to_the_login_page(client, db, served, name, method, url):
    response = getattr(client, method)(url(served), FORMS.get(name, {}))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_controller_limited_to_areas_sees_only_their_flags_and_gets_404_outside(login, served):
    client = login("kontrollant")  # areas: children
    page = client.get(reverse("worklist")).content.decode()
    assert served.children_flag in page and served.adults_flag not in page
    for url in (reverse("flag", args=[served.adults_flag]), ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("decide", args=[served.adults_flag]),
                       {"status": "opkrævet", "recovered_amount_dkk": "1"}).status_code == 404
    assert client.post(reverse("reveal_cpr", args=[served.adults_flag]),
                       {"reason": "Opkrævning hos bopælskommunen"}).status_code == 404
    exported = _exported_flag_ids(client.get(reverse("export")))
    assert served.children_flag in exported and served.adults_flag not in exported


def _exported_flag_ids(response) -> set[str]:
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    found = set()
    for sheet in workbook.worksheets[1:]:  # the check sheets and Måneder, each with a Flag-id column
        column = [c.value for c in sheet[1]].index("Flag-id")
        found |= {row[column] for row in sheet.iter_rows(min_row=2, values_only=True) if row[column]}
    return found


def test_a_controller_without_areas_and_an_analyst_see_every_flag(login, served):
    for role in ("kontrol_alle", "analytiker"):
        page = login(role).get(reverse("worklist"), {"raised": "alle"}).content.decode()
        for flag in (served.children_flag, served.adults_flag, served.blue_flag, served.old_flag):
            assert flag in page, (role, flag)


def test_the_analyst_gets_no_reveal_button_and_no_decision_form(login, served):
    page = login("analytiker").get(reverse("flag", args=[served.children_flag])).content.decode()
    assert 'id="reveal"' not in page and 'id="decision"' not in page
    page = login("kontrollant").get(reverse("flag", args=[served.children_flag])).content.decode()
    assert 'id="reveal"' in page and 'id="decision"' in page
