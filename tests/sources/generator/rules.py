"""A small, independent reading of the generated files and a simplified version of the checks'
flag conditions (checks.md §5), used to show that the clean base raises nothing: every person
the simplified rules would flag must be one of the planted cases."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
from collections import defaultdict
from pathlib import Path

from sources.folkeregister.layout import FIELDS

ADMIN = {"0010", "0011", "0012", "0019"}


def d(s: str):
    if not s:
        return None
    if "." in s:
        return dt.date(int(s[6:10]), int(s[3:5]), int(s[0:2]))
    return dt.date(int(s[0:4]), int(s[4:6]), int(s[6:8]))


def amount(s: str) -> float:
    return float(s.replace(",", ".")) if s else 0.0


def read_csv(path: Path, encoding: str = "utf-8") -> list[dict]:
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def mi(x: dt.date) -> int:
    return x.year * 12 + x.month - 1


def mstart(m: int) -> dt.date:
    return dt.date(m // 12, m % 12 + 1, 1)


def mend(m: int) -> dt.date:
    return dt.date(m // 12, m % 12 + 1, calendar.monthrange(m // 12, m % 12 + 1)[1])


def cut(rec: str, rtype: str, name: str) -> str:
    for f in FIELDS[rtype]:
        if f.name == name:
            return f.cut(rec).strip()
    raise KeyError(name)


class Delivery:
    def __init__(self, folder: Path, ours: str):
        self.folder = folder
        self.ours = ours
        self.persons: dict[str, dict] = {}
        self.spans: dict[str, list] = defaultdict(list)
        for line in (folder / "folkeregister" / "cpr_extract.txt").read_text("iso-8859-1").splitlines():
            t, cpr = line[:3], line[3:13]
            if t == "001":
                self.persons[cpr] = {"status": cut(line, t, "status_code"),
                                     "status_date": d(cut(line, t, "status_start_at")[:8])}
            elif t == "002":
                self.spans[cpr].append((cut(line, t, "municipality_code"), d(cut(line, t, "moved_in_at")[:8]),
                                        None, cut(line, t, "road_code"),
                                        cut(line, t, "house_number").lstrip("0")))
            elif t == "023":
                self.spans[cpr].append((cut(line, t, "municipality_code"), d(cut(line, t, "moved_in_at")[:8]),
                                        d(cut(line, t, "moved_out_at")[:8]), cut(line, t, "road_code"),
                                        cut(line, t, "house_number").lstrip("0")))
        for v in self.spans.values():
            v.sort(key=lambda s: s[1])
        self.grants = read_csv(folder / "cases" / "grants.csv")
        self.providers = {p["provider_id"]: p for p in read_csv(folder / "cases" / "providers.csv", "cp1252")}
        self.pupils = read_csv(folder / "cases" / "pupils.csv")
        self.pensions = read_csv(folder / "cases" / "pensions.csv")
        self.postings = []
        for p in sorted((folder / "economy").glob("postings_*.csv")):
            self.postings += read_csv(p)

    def span_on(self, cpr: str, day: dt.date):
        for s in self.spans.get(cpr, ()):
            if s[1] <= day and (s[2] is None or day < s[2]):
                return s
        return None

    def kom_on(self, cpr, day):
        s = self.span_on(cpr, day)
        return None if s is None or s[0] in ADMIN else s[0]

    def kom_all_month(self, cpr, m):
        """The municipality the person lived in every day of month m, else None."""
        a, b = mstart(m), mend(m)
        koms = set()
        day = a
        while day <= b:
            s = self.span_on(cpr, day)
            if s is None or s[0] in ADMIN:
                return None
            koms.add(s[0])
            if s[2] is None:
                break
            day = s[2]
        return koms.pop() if len(koms) == 1 else None

    def in_offer(self, g, day) -> bool:
        prov = self.providers.get(g["provider_id"])
        if not prov or prov["residential"] != "true":
            return False
        s = self.span_on(g["cpr"], day)
        return bool(s) and (s[0], s[3], s[4]) == (prov["municipality_code"], prov["road_code"], prov["house_number"])


def flagged_cprs(dl: Delivery, as_of: dt.date) -> dict[str, set[str]]:
    """Simplified flag conditions; returns check -> CPR numbers it would flag."""
    ours = dl.ours
    A = mi(as_of)
    out: dict[str, set[str]] = defaultdict(set)
    by_id = {g["grant_id"]: g for g in dl.grants}
    by_case = defaultdict(list)
    for g in dl.grants:
        by_case[g["case_id"]].append(g)

    def is_open(g):
        s, e = d(g["start_date"]), d(g["end_date"])
        return s <= as_of and (e is None or e >= as_of) and g["price_unit"] != "once"

    by_cpr_fn = defaultdict(list)
    for g in dl.grants:
        by_cpr_fn[(g["cpr"], g["function_code"])].append(g)

    def grant_of(p):
        if p["case_ref"]:
            return by_id.get(p["case_ref"])
        if not p["cpr"]:
            return None
        first = d(p["service_period_start"]) or d(p["posting_date"])
        cands = [g for g in by_cpr_fn.get((p["cpr"], p["function_code"]), ()) if d(g["start_date"]) <= first]
        return max(cands, key=lambda g: d(g["start_date"])) if cands else None

    expense_by_grant_month = defaultdict(float)
    for p in dl.postings:
        if p["dranst"] != "1" or p["art"].startswith("7"):
            continue
        g = grant_of(p)
        if g is None:
            continue
        s = d(p["service_period_start"]) or d(p["posting_date"])
        e = d(p["service_period_end"]) or s
        for m in range(mi(s), mi(e) + 1):
            expense_by_grant_month[(g["grant_id"], m)] += amount(p["amount"])
        # NOT_STOPPED: stop date of the grant's case
        rows = by_case[g["case_id"]]
        ends = [d(r["end_date"]) for r in rows]
        stops = []
        if all(ends):
            stops.append(max(ends) + dt.timedelta(days=1))
        if g["case_closed_date"]:
            stops.append(d(g["case_closed_date"]) + dt.timedelta(days=1))
        per = dl.persons.get(g["cpr"], {})
        if per.get("status") in ("80", "90"):
            stops.append(per["status_date"] + dt.timedelta(days=1))
        gstart = min(d(r["start_date"]) for r in rows)
        for sp in dl.spans.get(g["cpr"], ()):
            if sp[1] > gstart and sp[0] != ours and sp[0] not in ADMIN:
                offer = any(dl.in_offer(r, sp[1]) for r in dl.grants if r["cpr"] == g["cpr"])
                if not offer:
                    stops.append(sp[1])
        if stops:
            stop = min(stops)
            for m in range(mi(s), mi(e) + 1):
                if mstart(m) >= stop and amount(p["amount"]) > 0:
                    out["NOT_STOPPED"].add(g["cpr"])
        if g["paying_municipality_code"] != ours and p["case_ref"] and amount(p["amount"]) > 0:
            out["MISSING_CHARGE"].add(g["cpr"])  # (b) without looking at income
    for g in dl.grants:
        per = dl.persons.get(g["cpr"], {})
        if not is_open(g):
            continue
        if g["area"] in ("children", "adults", "disability") and per.get("status") not in ("80", "90"):
            k = dl.kom_on(g["cpr"], as_of)
            if k and k != g["paying_municipality_code"] and not dl.in_offer(g, as_of):
                out["PAYMUN_MISMATCH"].add(g["cpr"])
        if per.get("status") not in ("80", "90"):
            k = dl.kom_on(g["cpr"], as_of)
            if k and k != ours and not dl.in_offer(g, as_of):
                out["BLOCK_GRANT"].add(g["cpr"])
            if per.get("status") in ("70", "20") and per["status_date"] < as_of - dt.timedelta(days=183):
                out["BLOCK_GRANT"].add(g["cpr"])
        if g["paying_municipality_code"] == ours and d(g["start_date"]) <= mstart(A - 3) and float(g["price"].replace(",", ".")) > 0:
            same_case = [r["grant_id"] for r in by_case[g["case_id"]]]
            if not any(expense_by_grant_month.get((gid, m), 0) != 0 for gid in same_case for m in (A - 3, A - 2, A - 1)):
                out["CASE_STATUS"].add(g["cpr"])
    for rows in by_case.values():
        for g in rows:
            if g["case_closed_date"] and g["price_unit"] != "once":
                if not g["end_date"] or d(g["end_date"]) > d(g["case_closed_date"]):
                    out["CASE_STATUS"].add(g["cpr"])
    # school rules
    income = defaultdict(float)
    pay47 = defaultdict(float)
    for p in dl.postings:
        if not p["cpr"] or not p["function_code"].startswith("3.22") or p["dranst"] != "1":
            continue
        s = d(p["service_period_start"]) or d(p["posting_date"])
        e = d(p["service_period_end"]) or s
        for m in range(mi(s), mi(e) + 1):
            if p["art"] == "7.7":
                income[(p["cpr"], p["counterparty_municipality_code"], m)] -= amount(p["amount"])
            if p["art"] == "4.7":
                pay47[(p["cpr"], m)] += amount(p["amount"])
    for e in dl.pupils:
        if e["enrolment_type"] != "normal" or e["school_municipality_code"] != ours:
            continue
        s, en = d(e["start_date"]), d(e["end_date"])
        for m in range(mi(s), A):
            if mstart(m) < s or (en and mend(m) > en):
                continue
            x = dl.kom_all_month(e["cpr"], m)
            if x and x != ours and income[(e["cpr"], x, m)] < 6000 - 1:
                out["SCHOOL_CHARGE"].add(e["cpr"])
    for (cpr, m), v in pay47.items():
        if m < A and v > 0 and dl.kom_all_month(cpr, m) != ours:
            out["SCHOOL_PAID_NOT_RESIDENT"].add(cpr)
    # pensions
    exp548 = defaultdict(float)
    inc548 = defaultdict(float)
    for p in dl.postings:
        if not p["cpr"] or not p["function_code"].startswith("5.48"):
            continue
        s = d(p["service_period_start"]) or d(p["posting_date"])
        e = d(p["service_period_end"]) or s
        for m in range(mi(s), mi(e) + 1):
            if p["art"] == "7.7":
                inc548[(p["cpr"], p["counterparty_municipality_code"], m)] -= amount(p["amount"])
            elif p["dranst"] in ("1", "2"):
                exp548[(p["cpr"], m)] += amount(p["amount"])
    for pe in dl.pensions:
        aw = d(pe["awarded_date"])
        if aw < dt.date(2004, 1, 1):
            continue
        cpr = pe["cpr"]
        x = pe["awarding_municipality_code"]
        left = None
        for sp in dl.spans.get(cpr, ()):
            if sp[1] >= aw and sp[0] != x and left is None:
                left = sp[1]
        start = aw if aw < dt.date(2015, 2, 2) else left
        if start is None:
            continue
        end6 = start.replace(year=start.year + 6) - dt.timedelta(days=1)
        if x == ours and pe["paying_municipality_code"] == ours:
            for m in range(mi(end6) + 1, A):
                if dl.kom_all_month(cpr, m) != ours:
                    out["PENSION_6Y"].add(cpr)
        if x != ours:
            for m in range(mi(start), A):
                if mstart(m) >= start and mend(m) <= end6 and dl.kom_all_month(cpr, m) == ours:
                    if exp548[(cpr, m)] > 0 and inc548[(cpr, x, m)] < exp548[(cpr, m)] - 1:
                        out["PENSION_6Y"].add(cpr)
    # MISSING_CHARGE (a): in an inbound offer, expense on 5.48/5.57/5.58 not covered
    inc = defaultdict(float)
    exp = defaultdict(float)
    for p in dl.postings:
        if not p["cpr"] or p["function_code"][:4] not in ("5.48", "5.57", "5.58"):
            continue
        s = d(p["service_period_start"]) or d(p["posting_date"])
        e = d(p["service_period_end"]) or s
        for m in range(mi(s), mi(e) + 1):
            if p["art"] == "7.7":
                inc[(p["cpr"], p["counterparty_municipality_code"], m)] -= amount(p["amount"])
            else:
                exp[(p["cpr"], m)] += amount(p["amount"])
    for g in dl.grants:
        x = g["placed_by_municipality_code"]
        if not x or x == ours:
            continue
        for m in range(mi(d(g["start_date"])), A):
            if all(dl.in_offer(g, day) for day in (mstart(m), mend(m))):
                if exp[(g["cpr"], m)] > inc[(g["cpr"], x, m)] + 1:
                    out["MISSING_CHARGE"].add(g["cpr"])
    # CENTRAL_REFUSION: per person (children: per mother is coarser; per person is stricter)
    yearly = defaultdict(float)
    refund = defaultdict(float)
    for p in dl.postings:
        if not p["cpr"] or p["function_code"][:4] not in ("5.28", "5.38"):
            continue
        if p["dranst"] == "1" and not p["art"].startswith("7"):
            yearly[(p["cpr"], int(p["fiscal_year"]))] += amount(p["amount"])
        if p["dranst"] == "2":
            refund[(p["cpr"], int(p["fiscal_year"]))] -= amount(p["amount"])
    for (cpr, y), v in yearly.items():
        if y < as_of.year and v > 830_000 and refund[(cpr, y)] + 0.005 < 0.25 * (min(v, 1_630_000) - 830_000):
            out["CENTRAL_REFUSION"].add(cpr)
    return out
