from django.shortcuts import render
from django.views.decorators.http import require_GET

from web.accounts.roles import requires, visible_areas
from web.worklist.charts import Series, bar_chart
from web.worklist.overview import overview_of
from web.worklist.reference import reference
from web.worklist.templatetags.danish import maaned
from web.worklist.warehouse import NoWarehouse, warehouse

AMOUNTS = [Series("potential", "Potentiale", "bar-potential"), Series("lost", "Forældet", "bar-lost"),
           Series("recovered", "Opkrævet", "bar-recovered")]


@require_GET
@requires("view_overview")
def overview(request):
    ref = reference()
    try:
        with warehouse() as con:
            data = overview_of(con, visible_areas(request.user))
    except NoWarehouse:
        return render(request, "worklist/no_warehouse.html", status=503)
    for row in data["per_check"]:
        row["name"] = ref.check_name(row["check_code"])
    for row in data["top_municipalities"]:
        row["name"] = ref.municipality_name(row["code"])
    check_chart = bar_chart([(r["check_code"].replace("_", " ").title()[:14], r) for r in data["per_check"]],
                            AMOUNTS)
    month_chart = bar_chart([(maaned(m), v) for m, v in data["per_month"][-36:]], AMOUNTS)
    return render(request, "worklist/overview.html", {**data, "check_chart": check_chart,
                                                      "month_chart": month_chart})
