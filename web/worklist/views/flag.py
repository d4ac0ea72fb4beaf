"""Flag: every column, the evidence, month lines (table and chart), grants, postings, residence,
history across runs and decisions; Afgørelse (append a decision) and Vis CPR (reason first,
audited, shown for this page view only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from web.accounts.roles import may, requires, visible_areas
from web.audit.models import Action
from web.audit.services import record_request
from web.worklist.charts import Series, bar_chart
from web.worklist.decision_store import newest_decisions
from web.worklist.forms import DecisionForm, RevealForm
from web.worklist.models import Decision, Status
from web.worklist.queries import evidence_of, one_flag
from web.worklist.reference import reference
from web.worklist.warehouse import NoWarehouse, identity_of, warehouse
from web.worklist.templatetags.danish import maaned

WINDOWS = [Series("potential", "Potentiale", "bar-potential"), Series("lost", "Forældet", "bar-lost"),
           Series("forward", "Fremadrettet", "bar-forward")]


def _flag_or_404(request, flag_id: str) -> tuple[dict, dict]:
    """The flag and its evidence, or 404 — also for a flag outside a controller's areas."""
    try:
        with warehouse() as con:
            flag = one_flag(con, flag_id, visible_areas(request.user))
            if flag is None:
                raise Http404("flag")
            return flag, evidence_of(con, flag)
    except NoWarehouse:
        raise Http404("no warehouse") from None


def _render_flag(request, flag, evidence, *, decision_form=None, reveal_form=None, identity=None,
                 revealed=False, status=200):
    ref = reference()
    by_month: dict = {}
    for line in evidence["lines"]:
        by_month.setdefault(line["month"], {})[line["window"]] = \
            by_month.get(line["month"], {}).get(line["window"], 0) + float(line["amount_dkk"] or 0)
    chart = bar_chart([(maaned(month), values) for month, values in sorted(by_month.items())], WINDOWS,
                      stacked=True)
    newest = newest_decisions([flag["flag_id"]]).first()
    for span in evidence["residence"]:
        span["municipality_name"] = ref.municipality_name(span["municipality_code"])
    context = {
        "flag": flag, "evidence": evidence, "chart": chart,
        "check_name": ref.check_name(flag["check_code"]), "area_name": ref.area_name(flag["area"]),
        "counterparty_name": ref.municipality_name(flag["counterparty_municipality_code"]),
        "registered_name": ref.municipality_name(flag["registered_municipality_code"]),
        "status": newest.status if newest else Status.NEW,
        "decisions": Decision.objects.filter(flag_id=flag["flag_id"]).select_related("decided_by", "responsible"),
        "decision_form": decision_form if decision_form is not None else (
            DecisionForm(potential_amount=flag["potential_amount_dkk"], initial={"responsible": request.user.pk})
            if may(request.user, "decide") else None),
        "reveal_form": reveal_form if reveal_form is not None else (
            RevealForm() if may(request.user, "reveal_cpr") else None),
        "identity": identity, "revealed": revealed,
    }
    return render(request, "worklist/flag.html", context, status=status)


@require_GET
@requires("view_flags")
def flag_detail(request, flag_id):
    flag, evidence = _flag_or_404(request, flag_id)
    record_request(request, Action.FLAG_VIEW, object_ref=f"flag:{flag_id}")
    return _render_flag(request, flag, evidence)


@require_POST
@requires("decide")
def decide(request, flag_id):
    flag, evidence = _flag_or_404(request, flag_id)
    form = DecisionForm(request.POST, potential_amount=flag["potential_amount_dkk"])
    if not form.is_valid():
        return _render_flag(request, flag, evidence, decision_form=form, status=400)
    data = form.cleaned_data
    decision = Decision.objects.create(
        flag_id=flag_id, status=data["status"], comment=data["comment"] or "",
        recovered_amount_dkk=data["recovered_amount_dkk"], responsible=data["responsible"],
        follow_up_date=data["follow_up_date"], decided_by=request.user)
    record_request(request, Action.DECISION, object_ref=f"flag:{flag_id}", reason=data["comment"] or "",
                   detail={"status": decision.status, "decision_id": decision.pk,
                           "recovered_amount_dkk": str(decision.recovered_amount_dkk or "")})
    messages.success(request, f"Afgørelsen »{decision.get_status_display()}« er gemt.")
    return redirect("flag", flag_id=flag_id)


@require_POST
@requires("reveal_cpr")
def reveal_cpr(request, flag_id):
    flag, evidence = _flag_or_404(request, flag_id)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return _render_flag(request, flag, evidence, reveal_form=form, status=400)
    # The audit event is written first: no event, no CPR number.
    record_request(request, Action.CPR_REVEAL, object_ref=f"flag:{flag_id} person:{flag['person_key']}",
                   reason=form.cleaned_data["reason"])
    identity = identity_of(flag["person_key"])
    return _render_flag(request, flag, evidence, reveal_form=RevealForm(), identity=identity, revealed=True)
