"""Overblik: potential, lost and recovered per check and per month, flags by status, open flags by
age, and the top 10 counterparty municipalities — all within the areas the user may see."""

from __future__ import annotations

from web.worklist.queries import filtered_flags_sql
from web.worklist.warehouse import rows

AGE_BANDS = (("0-30 dage", 0, 30), ("31-90 dage", 31, 90), ("91-365 dage", 91, 365), ("over 365 dage", 366, None))


def overview_of(con, areas: list[str] | None) -> dict:
    sql, params = filtered_flags_sql(con, {"raised": "ja"}, areas)
    con.execute(f"create or replace temp table visible_flags as {sql}", params)
    per_check = rows(con, """select check_code, count(*) as n_flags, sum(potential_amount_dkk) as potential,
                                    sum(lost_amount_dkk) as lost, coalesce(sum(recovered_amount_dkk), 0) as recovered
                             from visible_flags group by check_code order by potential desc nulls last""")
    per_month = rows(con, """select month, sum(amount_dkk) filter (where "window" = 'potential') as potential,
                                    sum(amount_dkk) filter (where "window" = 'lost') as lost
                             from wh.marts.income_optimisation_flag_lines as lines
                             where lines.flag_id in (select flag_id from visible_flags)
                               and "window" in ('potential', 'lost')
                             group by month order by month""")
    recovered_per_month = rows(con, """select date_trunc('month', decided_at)::date as month,
                                              sum(recovered_amount_dkk) as recovered
                                       from visible_flags where recovered_amount_dkk is not null
                                       group by 1 order by 1""")
    by_status = rows(con, """select status, count(*) as n_flags, sum(potential_amount_dkk) as potential
                             from visible_flags group by status order by n_flags desc""")
    age = rows(con, """select as_of - first_seen_date as age_days from visible_flags
                       where status in ('ny', 'under behandling')""")
    top = rows(con, """select counterparty_municipality_code as code, count(*) as n_flags,
                              sum(potential_amount_dkk) as potential
                       from visible_flags where counterparty_municipality_code is not null
                       group by 1 order by potential desc, code limit 10""")
    bands = [{"label": label, "n_flags": sum(1 for r in age if r["age_days"] >= low
                                             and (high is None or r["age_days"] <= high))}
             for label, low, high in AGE_BANDS]
    totals = rows(con, """select count(*) as n_flags, coalesce(sum(potential_amount_dkk), 0) as potential,
                                 coalesce(sum(lost_amount_dkk), 0) as lost,
                                 coalesce(sum(recovered_amount_dkk), 0) as recovered,
                                 count(*) filter (where status in ('ny', 'under behandling')) as n_open,
                                 max(as_of) as as_of
                          from visible_flags""")[0]
    months = {r["month"]: {"potential": r["potential"], "lost": r["lost"]} for r in per_month}
    for r in recovered_per_month:
        months.setdefault(r["month"], {})["recovered"] = r["recovered"]
    return {"per_check": per_check, "per_month": sorted(months.items()), "by_status": by_status,
            "age_bands": bands, "top_municipalities": top, "totals": totals}
