"""Arbejdsliste: the flags the user may see, filtered, sorted, paged, with the filter's totals,
and "Eksportér" of exactly the filtered list."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from web.accounts.roles import requires, visible_areas
from web.audit.models import Action
from web.audit.services import record_request
from web.worklist.forms import FlagFilterForm
from web.worklist.queries import all_filtered_flags, flag_page
from web.worklist.reference import reference
from web.worklist.warehouse import NoWarehouse, warehouse

PAGE_SIZE = 50


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
@requires("view_flags")
def worklist(request):
    ref = reference()
    form = FlagFilterForm(request.GET or None, reference=ref)
    criteria = form.criteria()
    page = (form.cleaned_data.get("page") if form.is_valid() else None) or 1
    areas = visible_areas(request.user)
    try:
        with warehouse() as con:
            flags, totals = flag_page(con, criteria, areas, page, PAGE_SIZE)
    except NoWarehouse:
        return render(request, "worklist/no_warehouse.html", status=503)
    for flag in flags:
        flag["area_name"] = ref.area_name(flag["area"])
        flag["counterparty_name"] = ref.municipality_name(flag["counterparty_municipality_code"])
    n_pages = max(1, math.ceil(totals["n_flags"] / PAGE_SIZE))
    return render(request, "worklist/worklist.html", {
        "form": form, "flags": flags, "totals": totals, "page": page, "n_pages": n_pages,
        "query": _query_without_page(request), "areas": areas, "area_names": [ref.area_name(a) for a in areas or []],
    })


@require_GET
@requires("export")
def export(request):
    from serving.flag_export import month_lines_from, write_excel

    ref = reference()
    form = FlagFilterForm(request.GET or None, reference=ref)
    criteria = form.criteria()
    try:
        with warehouse() as con:
            flags = all_filtered_flags(con, criteria, visible_areas(request.user))
            month_lines = month_lines_from(con, (flag["flag_id"] for flag in flags), catalog="wh.")
    except NoWarehouse:
        return render(request, "worklist/no_warehouse.html", status=503)
    record_request(request, Action.EXPORT, object_ref="arbejdsliste",
                   detail={"filter": {k: str(v) for k, v in criteria.items() if v is not None},
                           "areas": visible_areas(request.user), "rows": len(flags)})
    folder = Path(tempfile.mkdtemp(prefix="kommunelager-export-"))
    path = write_excel(flags, folder / "arbejdsliste.xlsx", as_of=flags[0]["as_of"] if flags else None,
                       reference=ref, month_lines=month_lines)
    response = FileResponse(path.open("rb"), as_attachment=True, filename="arbejdsliste.xlsx",
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    path.unlink()  # the open handle keeps the bytes until the response is sent
    folder.rmdir()
    return response
