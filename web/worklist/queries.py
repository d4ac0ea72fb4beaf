"""The worklist's SQL on the analysts' file, joined with the decision store's current statuses.

Flags live in DuckDB, decisions in the web page's own database: the newest decision per flag is
handed to DuckDB as a small relation, so filtering, sorting, totals and paging run in one query."""

from __future__ import annotations

import pandas as pd

from web.worklist.decision_store import current_decision_rows
from web.worklist.forms import SORTS
from web.worklist.warehouse import has_table, rows

FLAG_COLUMNS = ("flag_id, check_code, check_name, area, priority, person_key, case_id, grant_id, "
                "our_municipality_code, registered_municipality_code, counterparty_municipality_code, "
                "period_start, period_end, potential_amount_dkk, lost_amount_dkk, evidence, "
                "first_seen_date, last_seen_date, as_of")


def register_decisions(con) -> None:
    decided = current_decision_rows()
    frame = pd.DataFrame({
        "flag_id": pd.Series([d[0] for d in decided], dtype="object"),
        "status": pd.Series([d[1] for d in decided], dtype="object"),
        "recovered": pd.Series([None if d[2] is None else str(d[2]) for d in decided], dtype="object"),
        "decided_at": pd.Series([d[3].isoformat() for d in decided], dtype="object"),
    })
    con.register("decisions_frame", frame)
    con.execute("""create or replace temp view decisions as
                   select flag_id::varchar as flag_id, status::varchar as status,
                          recovered::decimal(14, 2) as recovered_amount_dkk,
                          decided_at::timestamptz as decided_at
                   from decisions_frame""")


def all_flags_sql(con) -> str:
    """Current flags and, when the file has them, the flags the newest run no longer raises."""
    sql = f"select {FLAG_COLUMNS}, true as is_raised, as_of as last_raised_as_of from wh.marts.income_optimisation_flags"
    if has_table(con, "marts", "income_optimisation_flags_no_longer_raised"):
        sql += (f" union all select {FLAG_COLUMNS}, false as is_raised, last_raised_as_of "
                "from wh.marts.income_optimisation_flags_no_longer_raised")
    return sql


def _where(criteria: dict, areas: list[str] | None) -> tuple[str, list]:
    conditions, params = [], []
    for column, key in (("check_code", "check"), ("area", "area"), ("priority", "priority"),
                        ("counterparty_municipality_code", "counterparty")):
        if criteria.get(key):
            conditions.append(f"{column} = ?")
            params.append(criteria[key])
    if criteria.get("status"):
        conditions.append("status = ?")
        params.append(criteria["status"])
    if criteria.get("amount_min") is not None:
        conditions.append("potential_amount_dkk >= ?")
        params.append(criteria["amount_min"])
    if criteria.get("amount_max") is not None:
        conditions.append("potential_amount_dkk <= ?")
        params.append(criteria["amount_max"])
    if criteria.get("new_since"):
        conditions.append("first_seen_date >= ?")
        params.append(criteria["new_since"])
    raised = criteria.get("raised", "ja")
    if raised in ("ja", "nej"):
        conditions.append("is_raised" if raised == "ja" else "not is_raised")
    if areas is not None:
        conditions.append(f"area in ({', '.join('?' for _ in areas)})")
        params.extend(areas)
    return (" where " + " and ".join(conditions)) if conditions else "", params


def filtered_flags_sql(con, criteria: dict, areas: list[str] | None) -> tuple[str, list]:
    register_decisions(con)
    where, params = _where(criteria, areas)
    return (f"""select flags.*, coalesce(decisions.status, 'ny') as status, decisions.recovered_amount_dkk,
                       decisions.decided_at
                from ({all_flags_sql(con)}) as flags
                left join decisions using (flag_id){where}""", params)


def flag_page(con, criteria: dict, areas: list[str] | None, page: int, page_size: int) -> tuple[list[dict], dict]:
    """One page of the filtered list, and the totals of the whole filtered list."""
    sql, params = filtered_flags_sql(con, criteria, areas)
    totals = rows(con, f"""select count(*) as n_flags, coalesce(sum(potential_amount_dkk), 0) as potential,
                                  coalesce(sum(lost_amount_dkk), 0) as lost,
                                  coalesce(sum(recovered_amount_dkk), 0) as recovered
                           from ({sql})""", params)[0]
    order = SORTS[criteria.get("sort", "-potential")][1]
    found = rows(con, f"select * from ({sql}) order by {order} limit ? offset ?",
                 [*params, page_size, (page - 1) * page_size])
    return found, totals


def all_filtered_flags(con, criteria: dict, areas: list[str] | None) -> list[dict]:
    sql, params = filtered_flags_sql(con, criteria, areas)
    return rows(con, f"select * from ({sql}) order by {SORTS[criteria.get('sort', '-potential')][1]}", params)


def one_flag(con, flag_id: str, areas: list[str] | None) -> dict | None:
    found = rows(con, f"select * from ({all_flags_sql(con)}) where flag_id = ?"
                      + (f" and area in ({', '.join('?' for _ in areas)})" if areas is not None else ""),
                 [flag_id, *(areas or [])])
    return found[0] if found else None


def evidence_of(con, flag: dict) -> dict:
    """What the flag page shows beside the flag: month lines, grants, postings, residence, history."""
    person, grant = flag["person_key"], flag["grant_id"]
    evidence = {
        "lines": rows(con, """select month, "window", expense_dkk, covered_dkk, amount_dkk
                              from wh.marts.income_optimisation_flag_lines where flag_id = ?
                              order by month, "window" """, [flag["flag_id"]]),
        "grants": rows(con, """select * from wh.marts.fct_grants where person_key = ? or grant_id = ?
                               order by grant_id = ? desc, start_date desc limit 50""",
                       [person, grant, grant]) if person or grant else [],
        "postings": rows(con, """select * from wh.marts.fct_postings
                                 where (person_key = ? or grant_id = ?)
                                   and posting_date between ? and ? + interval 3 month
                                 order by posting_date, posting_id limit 200""",
                         [person, grant, flag["period_start"], flag["period_end"]])
        if (person or grant) and flag["period_start"] and flag["period_end"] else [],
        "residence": [],
        "runs": [],
    }
    if person and has_table(con, "marts", "fct_residence_spans"):
        evidence["residence"] = rows(con, """select municipality_code, valid_from, valid_to
                                             from wh.marts.fct_residence_spans where person_key = ?
                                             order by valid_from""", [person])
    if has_table(con, "marts", "income_optimisation_flag_runs"):
        evidence["runs"] = rows(con, """select as_of, potential_amount_dkk, lost_amount_dkk
                                        from wh.marts.income_optimisation_flag_runs where flag_id = ?
                                        order by as_of""", [flag["flag_id"]])
    return evidence
