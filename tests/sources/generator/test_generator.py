"""The seeded synthetic municipality generator (sources/generator)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from sources.cpr_numbers import is_replacement_number
from sources.folkeregister.layout import FIELDS, RECORD_LENGTHS, format_record
from sources.generator import generate_delivery
from sources.generator import cpr_records
from sources.raw_tables import raw_table

from .rules import Delivery, flagged_cprs

DATE = dt.date(2026, 11, 22)
CITIZENS = 1500
CHECKS = ["PAYMUN_MISMATCH", "MISSING_CHARGE", "NOT_STOPPED", "PENSION_6Y", "SCHOOL_CHARGE",
          "SCHOOL_PAID_NOT_RESIDENT", "BLOCK_GRANT", "CASE_STATUS", "CENTRAL_REFUSION"]
CSV_TABLES = {"cases/grants.csv": ("cases", "grants"), "cases/providers.csv": ("cases", "providers"),
              "cases/pupils.csv": ("cases", "pupils"), "cases/pensions.csv": ("cases", "pensions"),
              "economy/budgets.csv": ("economy", "budgets")}


@pytest.fixture(scope="module")
def gen(tmp_path_factory):
    root = tmp_path_factory.mktemp("gen")
    stages = []
    res = generate_delivery(root / "landing", citizens=CITIZENS, seed=1, delivery_date=DATE,
                            progress=lambda s, n: stages.append(s))
    res.stages = stages
    return res


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cpr_lines(gen) -> list[str]:
    return (gen.folder / "folkeregister" / "cpr_extract.txt").read_text("iso-8859-1").split("\n")[:-1]


def encoding_of(rel: str) -> str:
    return "cp1252" if rel == "cases/providers.csv" else "utf-8"


def records(gen, rel: str) -> list[list[str]]:
    with open(gen.folder / rel, encoding=encoding_of(rel), newline="") as f:
        return list(csv.reader(f, delimiter=";", quotechar='"'))


def test_layout_of_delivery(gen):
    f = gen.folder
    assert f.name == "2026-11-22"
    assert (f / "READY").read_bytes() == b""
    assert (f / "manifest.json").stat().st_mtime_ns <= (f / "READY").stat().st_mtime_ns
    years = sorted(int(p.stem[-4:]) for p in (f / "economy").glob("postings_*.csv"))
    assert set(range(DATE.year - 4, DATE.year + 1)) <= set(years)
    assert gen.persons > CITIZENS and "done" in gen.stages


def test_determinism(gen, tmp_path):
    again = generate_delivery(tmp_path / "a" / "landing", citizens=CITIZENS, seed=1, delivery_date=DATE)
    other = generate_delivery(tmp_path / "b" / "landing", citizens=CITIZENS, seed=2, delivery_date=DATE)
    m1 = json.loads((gen.folder / "manifest.json").read_text())
    m2 = json.loads((again.folder / "manifest.json").read_text())
    m3 = json.loads((other.folder / "manifest.json").read_text())
    assert m1 == m2
    assert gen.ground_truth_path.read_bytes() == again.ground_truth_path.read_bytes()
    for rel in m1["files"]:
        assert (gen.folder / rel).read_bytes() == (again.folder / rel).read_bytes(), rel
    assert m3["files"]["folkeregister/cpr_extract.txt"]["sha256"] != m1["files"]["folkeregister/cpr_extract.txt"]["sha256"]
    assert m3["files"]["cases/grants.csv"]["sha256"] != m1["files"]["cases/grants.csv"]["sha256"]


def test_manifest_checksums_and_rows(gen):
    m = json.loads((gen.folder / "manifest.json").read_text())
    assert m["delivery_date"] == "2026-11-22" and m["municipality_code"] == "0851"
    assert m["folkeregister_mode"] == "status"
    on_disk = {p.relative_to(gen.folder).as_posix() for p in gen.folder.rglob("*") if p.is_file()}
    assert on_disk - {"manifest.json", "READY"} == set(m["files"])
    for rel, meta in m["files"].items():
        assert sha(gen.folder / rel) == meta["sha256"], rel
        if rel.endswith(".csv"):
            assert meta["rows"] == len(records(gen, rel)) - 1, rel
            assert gen.rows[rel] == meta["rows"]
        else:
            assert "rows" not in meta
    # a quoted text with a line break: rows count records, not lines
    multi = [rel for rel in m["files"] if rel.endswith(".csv")
             and (gen.folder / rel).read_bytes().count(b"\n") - 1 != m["files"][rel]["rows"]]
    assert multi


def test_csv_headers_and_dialect(gen):
    m = json.loads((gen.folder / "manifest.json").read_text())
    for rel in m["files"]:
        if not rel.endswith(".csv"):
            continue
        table = CSV_TABLES.get(rel, ("economy", "postings"))
        expected = [c for c, _ in raw_table(*table).columns]
        rows = records(gen, rel)
        assert rows[0] == expected, rel
        types = dict(raw_table(*table).columns)
        for r in rows[1:]:
            assert len(r) == len(expected), (rel, r)
            for name, value in zip(expected, r):
                if value == "":
                    continue
                if types[name] == "DATE":
                    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", value), (rel, name, value)
                elif types[name].startswith("DECIMAL"):
                    assert re.fullmatch(r"-?\d+,\d\d", value), (rel, name, value)
    # one file in Windows-1252 with æøå, the others UTF-8
    raw = (gen.folder / "cases/providers.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert re.search("[æøåÆØÅ]", raw.decode("cp1252"))
    assert re.search("[æøå]", (gen.folder / "cases/grants.csv").read_text("utf-8"))


def test_cpr_file_framing(gen):
    lines = cpr_lines(gen)
    assert lines[0].startswith("000") and lines[-1].startswith("999")
    for line in lines:
        assert len(line) == RECORD_LENGTHS[line[:3]], line[:20]
    count = int(FIELDS["999"][0].cut(lines[-1]))
    assert count == len(lines) - 2
    types = Counter(line[:3] for line in lines)
    for t in ("001", "002", "003", "008", "012", "014", "015", "023", "029"):
        assert types[t] > 0, t
    # 003 records come as one block at the end
    first003 = next(i for i, l in enumerate(lines) if l.startswith("003"))
    assert all(l.startswith(("003", "999")) for l in lines[first003:])
    assert (gen.folder / "folkeregister" / "cpr_extract.txt").read_bytes().count(b"\r") == 0


def test_fast_formatters_equal_layout():
    vals = ("6512904123", "6512904123", "01", "202401010000", "K", "1990-12-05")
    names = ("cpr", "current_cpr", "status_code", "status_start_at", "sex", "birth_date")
    assert cpr_records.format_person(*vals) == format_record("001", dict(zip(names, vals)))
    v2 = ("6512904123", "0851", "0123", "016 ", "01", "  tv", "202401010000", "202001010000",
          "0773", "202001010000")
    n2 = ("cpr", "municipality_code", "road_code", "house_number", "floor", "door", "moved_in_at",
          "moved_to_municipality_at", "previous_municipality_code", "left_previous_municipality_at")
    assert cpr_records.format_current_address(*v2) == format_record("002", dict(zip(n2, v2)))
    v3 = ("6512904123", "Industrivænget 4, 1. tv", "9000", "Aalborg")
    assert cpr_records.format_address_text(*v3) == format_record("003", dict(zip(("cpr", "standard_address", "postal_code", "postal_district"), v3)))
    v15 = ("6512904123", "1990-12-05", "7001604123", "1990-12-05", "6811584123")
    n15 = ("cpr", "mother_valid_from", "mother_cpr", "father_valid_from", "father_cpr")
    assert cpr_records.format_parents(*v15) == format_record("015", dict(zip(n15, v15)))
    v23 = ("6512904123", "", "0851", "0123", "016 ", "st", "  th", "200001010000", "201001010000")
    n23 = ("cpr", "correction_code", "municipality_code", "road_code", "house_number", "floor",
           "door", "moved_in_at", "moved_out_at")
    assert cpr_records.format_former_address(*v23) == format_record("023", dict(zip(n23, v23)))
    v29 = ("6512904123", "", "G", "7001604123", "200001010000", "201001010000")
    n29 = ("cpr", "correction_code", "civil_status_code", "spouse_cpr", "valid_from_at", "valid_to_at")
    assert cpr_records.format_former_civil_status(*v29) == format_record("029", dict(zip(n29, v29)))


def test_every_cpr_is_a_replacement_number(gen):
    seen = 0
    for line in cpr_lines(gen)[1:-1]:
        t = line[:3]
        values = [line[3:13]]
        for f in FIELDS.get(t, ()):
            if f.name in ("spouse_cpr", "child_cpr", "mother_cpr", "father_cpr", "current_cpr"):
                v = f.cut(line).strip()
                if v:
                    values.append(v)
        for v in values:
            assert is_replacement_number(v), (t, v)
            seen += 1
    for rel in ("cases/grants.csv", "cases/pupils.csv", "cases/pensions.csv") + tuple(
            p.relative_to(gen.folder).as_posix() for p in (gen.folder / "economy").glob("postings_*.csv")):
        rows = records(gen, rel)
        i = rows[0].index("cpr")
        for r in rows[1:]:
            if r[i]:
                assert is_replacement_number(r[i]), (rel, r[i])
                seen += 1
    assert seen > 10_000


def test_residents_and_family_links(gen):
    lines = cpr_lines(gen)
    status = {l[3:13]: l[23:25] for l in lines if l.startswith("001")}
    residents = sum(1 for l in lines if l.startswith("002") and l[13:17] == "0851" and status[l[3:13]] == "01")
    assert residents == CITIZENS
    kids = defaultdict(set)
    for l in lines:
        if l.startswith("014"):
            kids[l[3:13]].add(l[13:23])
    parents = {}
    for l in lines:
        if l.startswith("015"):
            mother, father = l[24:34].strip(), l[91:101].strip()
            parents[l[3:13]] = (mother, father)
            for p in (mother, father):
                if p:
                    assert l[3:13] in kids[p], "015 link without 014 on the parent"
    for p, cs in kids.items():
        for c in cs:
            assert p in parents.get(c, ()), "014 without a 015 link back"
    # couples: AEGTEPNR both ways
    civ = {l[3:13]: (l[13], l[14:24].strip()) for l in lines if l.startswith("012")}
    married = [(p, s) for p, (c, s) in civ.items() if c in "GP" and s]
    assert married
    for p, s in married:
        assert civ[s][1] == p
    codes = Counter(c for c, _ in civ.values())
    for c in "UGFED":
        assert codes[c] > 0, c
    st = Counter(status.values())
    for s in ("01", "20", "70", "80", "90"):
        assert st[s] > 0, s


def test_address_history_is_continuous(gen):
    dl = Delivery(gen.folder, "0851")
    pre2007 = 0
    for cpr, spans in dl.spans.items():
        for a, b in zip(spans, spans[1:]):
            assert a[2] == b[1], (cpr, a, b)
        if spans[0][2] and spans[0][2] <= dt.date(2007, 1, 1) and spans[0][0] in ("0817", "0831", "0837"):
            pre2007 += 1
        p = dl.persons[cpr]
        if p["status"] in ("80", "90", "70"):
            assert spans[-1][2] == p["status_date"]
    assert pre2007 > 0


def test_grant_price_changes_and_units(gen):
    rows = records(gen, "cases/grants.csv")
    h = rows[0]
    by_case = defaultdict(list)
    for r in rows[1:]:
        by_case[r[h.index("case_id")]].append(dict(zip(h, r)))
    units = Counter(r[h.index("price_unit")] for r in rows[1:])
    assert set(units) == {"day", "month", "hour", "once"}
    changes = 0
    for gs in by_case.values():
        gs.sort(key=lambda g: dt.datetime.strptime(g["start_date"], "%d.%m.%Y"))
        for a, b in zip(gs, gs[1:]):
            end = dt.datetime.strptime(a["end_date"], "%d.%m.%Y").date()
            assert end + dt.timedelta(days=1) == dt.datetime.strptime(b["start_date"], "%d.%m.%Y").date()
            changes += 1
    assert changes > 10
    assert {"children", "adults", "disability", "pension", "employment", "school", "elderly"} <= {
        r[h.index("area")] for r in rows[1:]}


def test_grants_and_budgets_give_the_forecast_something_to_do(gen):
    """spending.md: open-ended grants, grants ending mid-month, new prices on 1 January, and
    budgets that some functions overspend in a completed year while others do not."""
    rows = records(gen, "cases/grants.csv")
    h = rows[0]
    grants = [dict(zip(h, r)) for r in rows[1:]]
    parse = lambda text: dt.datetime.strptime(text, "%d.%m.%Y").date()  # noqa: E731
    assert sum(1 for g in grants if not g["end_date"]) > 20
    ends = [parse(g["end_date"]) for g in grants if g["end_date"] and g["price_unit"] != "once"]
    assert any((end + dt.timedelta(days=1)).day != 1 for end in ends)  # ends mid-month
    assert sum(1 for g in grants if parse(g["start_date"]).timetuple()[1:3] == (1, 1)) > 10
    year = DATE.year - 1
    spent: dict[str, int] = defaultdict(int)
    for posting in records(gen, f"economy/postings_{year}.csv")[1:]:
        if posting[4] == "1" and not posting[6].startswith("7"):
            spent[posting[3]] += int(posting[8].replace(",", ""))
    budgets = {r[1]: int(r[2].replace(",", "")) for r in records(gen, "economy/budgets.csv")[1:]
               if r[0] == str(year)}
    overspent = [f for f, budget in budgets.items() if spent.get(f, 0) > budget]
    within = [f for f, budget in budgets.items() if spent.get(f, 0) <= budget]
    assert overspent and within


def test_postings_shapes(gen):
    rows = []
    for p in sorted((gen.folder / "economy").glob("postings_*.csv")):
        rows += records(gen, p.relative_to(gen.folder).as_posix())[1:]
    h = [c for c, _ in raw_table("economy", "postings").columns]
    col = {c: i for i, c in enumerate(h)}
    assert len({r[0] for r in rows}) == len(rows)
    assert any(r[col["cpr"]] and not r[col["case_ref"]] for r in rows)
    assert any(not r[col["cpr"]] for r in rows)
    assert any(r[col["dranst"]] == "2" for r in rows)
    assert any(r[col["text"]].startswith("Storno") for r in rows)
    for art in ("4.7", "7.7"):
        xs = [r for r in rows if r[col["art"]] == art]
        assert xs and all(r[col["counterparty_municipality_code"]] for r in xs)


def test_ground_truth(gen):
    gt = gen.ground_truth_path
    assert gt.exists() and gen.folder not in gt.parents and gt.parent != gen.folder.parent
    truth = json.loads(gt.read_text())
    cases = truth["cases"]
    for check in CHECKS:
        assert sum(1 for c in cases if c["check_code"] == check and c["expected"]) >= 2, check
    assert sum(1 for c in cases if not c["expected"]) >= 5
    by = {c["description"][:17]: c for c in cases if c["expected"]}
    # the worked examples of checks.md §6
    we = {c["id"]: c for c in cases}
    assert we["NOT_STOPPED-01"]["potential_amount_dkk"] == 1_560_000.0
    assert we["MISSING_CHARGE-01"]["potential_amount_dkk"] == 504_000.0
    assert we["MISSING_CHARGE-01"]["lost_amount_dkk"] == 126_000.0
    assert we["PENSION_6Y-01"]["potential_amount_dkk"] == 516_000.0
    assert (we["PENSION_6Y-03"]["potential_amount_dkk"], we["PENSION_6Y-03"]["lost_amount_dkk"]) == (252_000.0, 600_000.0)
    assert we["CENTRAL_REFUSION-01"]["potential_amount_dkk"] == 272_500.0
    assert by


def test_planted_forecasts(gen):
    """The expected-spending cases (spending.md, at the cut-off) with the figures the rule gives
    at as_of 2026-11-22; the month formula reproduces spending.md's opholdssted example."""
    from sources.generator.planted.forecast import month_cost

    assert month_cost(7_600_000, dt.date(2025, 3, 15), dt.date(2025, 9, 30), 2025) == 49_767_742
    forecasts = {c["variant"]: c for c in json.loads(gen.ground_truth_path.read_text())["forecasts"]}
    figures = {variant: (c["fiscal_year"], c["cost_year_dkk"], c["booked_dkk"], c["remaining_dkk"],
                         c["expected_dkk"]) for variant, c in forecasts.items()}
    assert figures == {
        "arrears": (2026, 300_000.0, 240_000.0, 60_000.0, 300_000.0),
        "prepaid_ended": (2026, 285_000.0, 300_000.0, 0.0, 300_000.0),
        "dead": (2026, 109_333.33, 220_000.0, 0.0, 220_000.0),
        "other_payer": (2026, 0.0, 0.0, 0.0, 0.0),
        "january_posting": (2025, 150_000.0, 150_000.0, 0.0, 150_000.0),
    }


def test_clean_base_raises_nothing(gen):
    """Simplified flag conditions of checks.md §5 over the whole delivery: everything they flag
    is a planted case, and every planted check with a person anchor is found."""
    dl = Delivery(gen.folder, "0851")
    flagged = flagged_cprs(dl, DATE)
    truth = json.loads(gen.ground_truth_path.read_text())["cases"]
    planted = {c["anchor"].get("cpr") for c in truth} | {
        k for c in truth for k in c["anchor"].get("children", [])}
    for check, cprs in flagged.items():
        assert cprs <= planted, (check, sorted(cprs - planted)[:5])
    for c in truth:
        if c["expected"] and c["check_code"] != "CENTRAL_REFUSION" or (
                c["check_code"] == "CENTRAL_REFUSION" and c["expected"] and c["anchor"]["unit"] == "adult"):
            assert c["anchor"]["cpr"] in flagged[c["check_code"]], c["id"]


def test_road_codes_stay_four_digits_for_a_large_municipality():
    import random

    from sources.generator.addresses import Streets

    streets = Streets(random.Random(1), "0101", n_roads=4_020)  # ~1M citizens
    codes = [streets.allocate()[1] for _ in range(3_000)] + streets.road_codes
    assert all(len(c) == 4 and c.isdigit() for c in codes)
    assert len(set(streets.road_codes)) == 4_020


def test_a_national_size_municipality_gets_longer_roads_with_valid_house_numbers():
    import random

    from sources.generator.addresses import Streets, roads_for

    n_roads, length = roads_for(3_000_000 // 250 + 20)  # the 3M national benchmark
    assert (n_roads, length) == (8_000, 2)
    assert roads_for(4_020) == (4_020, 1)  # up to ~2M citizens nothing changes
    streets = Streets(random.Random(1), "0101", n_roads=3, road_length=4)
    addresses = [streets.allocate() for _ in range(3 * 4 * 720)]
    assert len(set(addresses)) == len(addresses), "every current address is handed out once"
    assert all(len(a.house_number) == 4 and a.house_number[:3].isdigit() for a in addresses)
    assert max(int(a.house_number[:3]) for a in addresses) <= 999
