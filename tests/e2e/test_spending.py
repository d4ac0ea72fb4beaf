"""End to end (spending.md) on the shared published night: the invoice basis carries exactly the
planted uninvoiced months (potential and forældet amounts as planted) and nothing to invoice
where the planted municipality already paid; the planted PENSION_6Y (a) months are lines of basis
pension_6y with their planted amount per month, owed by the municipality the pensioner moved to;
the planted MISSING_CHARGE (a) months carry no grant but the planted stay grant; it reconciles
line by line; expected spending's
booked amounts equal the postings in the delivery's CSV files; every aggregation adds up to the
same total; the grant-type inventory covers every grant type in the delivery; the planted
forecast cases (arrears, a prepaid month of an ended grant, a dead person's open grant, a grant
another municipality pays, a January posting with last year's fiscal_year) have exactly their
planted booked, remaining and expected figures.

The ground truth is what the generator planted (sources/generator/planted), never the marts'
own output."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import duckdb
import pytest

from tests.conftest import DELIVERY_DATE

THIS_YEAR = DELIVERY_DATE.year


@pytest.fixture(scope="module")
def night(published_night):
    return published_night


def invoice_lines(con, cpr: str, counterparty: str, basis: str = "missing_charge") -> list[tuple]:
    return con.execute("""
        select basis.is_time_barred, basis.amount_dkk, basis.already_invoiced_dkk, basis.to_invoice_dkk
        from marts.intermunicipal_invoice_basis as basis
        inner join restricted.person_identity as identity using (person_key)
        where identity.cpr = ? and basis.counterparty_municipality_code = ? and basis.basis = ?""",
                       [cpr, counterparty, basis]).fetchall()


def basis_lines_of(con, cpr: str, basis: str) -> list[dict]:
    """The person's lines of one basis, month by month, as dicts."""
    cur = con.execute("""
        select cast(basis.month as varchar) as month, basis.counterparty_municipality_code, basis.charge_basis,
               basis.grant_id, basis.placement_grant_id, basis.main_function_code, basis.amount_dkk,
               basis.already_invoiced_dkk, basis.to_invoice_dkk, basis.is_time_barred
        from marts.intermunicipal_invoice_basis as basis
        inner join restricted.person_identity as identity using (person_key)
        where identity.cpr = ? and basis.basis = ?
        order by basis.month""", [cpr, basis])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def money(amount) -> Decimal:
    return Decimal(str(amount)).quantize(Decimal("0.01"))


def missing_charge_cases(truth, expected: bool) -> list[dict]:
    return [case for case in truth["cases"]
            if case["check_code"] == "MISSING_CHARGE" and case["expected"] is expected]


def test_planted_uninvoiced_months_are_to_invoice_with_their_amounts(night):
    cases = missing_charge_cases(night.truth, True)
    assert cases, "the generator planted no uninvoiced months"
    for case in cases:
        lines = invoice_lines(night.con, case["anchor"]["cpr"], case["anchor"]["counterparty_municipality_code"])
        assert lines, f"{case['id']}: no invoice lines"
        open_amount = sum(to_invoice for barred, _, _, to_invoice in lines if not barred)
        barred_amount = sum(to_invoice for barred, _, _, to_invoice in lines if barred)
        assert open_amount == Decimal(str(case["potential_amount_dkk"])).quantize(Decimal("0.01")), case["id"]
        if case["lost_amount_dkk"] is not None:
            assert barred_amount == Decimal(str(case["lost_amount_dkk"])).quantize(Decimal("0.01")), case["id"]


def test_planted_pension_6y_a_months_are_lines_with_their_planted_amounts(night):
    """spending.md: the months PENSION_6Y (a) finds overpaid (we awarded, six years over, the
    pensioner lives in X all month, pensions.csv still says paying us) are lines of basis
    pension_6y owed by X, one per month, with the planted municipal share; forældede months
    marked; nothing else of the person is on the basis as pension_6y."""
    cases = [case for case in night.truth["cases"]
             if case["check_code"] == "PENSION_6Y" and case["expected"] and case["variant"] == "a"]
    assert cases and all(case.get("invoice_lines") for case in cases), "no planted PENSION_6Y (a) months"
    assert any(line["is_time_barred"] for case in cases for line in case["invoice_lines"])
    for case in cases:
        planted = {line["month"]: (line["counterparty_municipality_code"], money(line["amount_dkk"]),
                                   line["is_time_barred"]) for line in case["invoice_lines"]}
        lines = basis_lines_of(night.con, case["anchor"]["cpr"], "pension_6y")
        found = {line["month"]: (line["counterparty_municipality_code"], line["amount_dkk"],
                                 line["is_time_barred"]) for line in lines}
        assert len(found) == len(lines), case["id"]
        assert found == planted, case["id"]
        for line in lines:
            assert (line["grant_id"], line["placement_grant_id"], line["charge_basis"]) == (None, None, None)
            assert line["main_function_code"] == "5.48"
            # nothing planted was paid by X: the whole municipal share is to invoice
            assert (line["already_invoiced_dkk"], line["to_invoice_dkk"]) == (0, line["amount_dkk"]), case["id"]
        # the basis's open months are the check's overpaid potential months (its forward 12 months are not months)
        share = planted[max(planted)][1]
        open_total = sum(line["to_invoice_dkk"] for line in lines if not line["is_time_barred"])
        assert open_total == money(case["potential_amount_dkk"]) - 12 * share, case["id"]
        assert sum(line["to_invoice_dkk"] for line in lines if line["is_time_barred"]) == money(
            case["lost_amount_dkk"] or 0), case["id"]


def test_placement_lines_carry_the_planted_stay_grant_and_no_grant(night):
    """spending.md: on MISSING_CHARGE (a) lines (a person placed here by X, our own expense)
    grant_id is empty and X's stay grant, as planted (the row in force that month), is
    placement_grant_id; month by month with the planted amount."""
    cases = [case for case in night.truth["cases"]
             if case["check_code"] == "MISSING_CHARGE" and case.get("invoice_lines")]
    assert {case["expected"] for case in cases} == {True, False}, "no planted placement months"
    for case in cases:
        planted = {line["month"]: (line["grant_id"], line["placement_grant_id"], money(line["amount_dkk"]),
                                   line["is_time_barred"]) for line in case["invoice_lines"]}
        assert all(placement for _, placement, _, _ in planted.values())
        lines = [line for line in basis_lines_of(night.con, case["anchor"]["cpr"], "missing_charge")
                 if line["counterparty_municipality_code"] == case["anchor"]["counterparty_municipality_code"]]
        assert all(line["charge_basis"] == "a" for line in lines), case["id"]
        found = {line["month"]: (line["grant_id"], line["placement_grant_id"], line["amount_dkk"],
                                 line["is_time_barred"]) for line in lines}
        assert len(found) == len(lines), case["id"]
        assert found == planted, case["id"]


def test_months_already_charged_are_not_to_invoice(night):
    traps = missing_charge_cases(night.truth, False)
    assert traps, "the generator planted no charged months"
    for case in traps:
        lines = invoice_lines(night.con, case["anchor"]["cpr"], case["anchor"]["counterparty_municipality_code"])
        assert lines, f"{case['id']}: the charged months should be on the basis as already invoiced"
        assert all(to_invoice == 0 for *_, to_invoice in lines), case["id"]
        assert sum(invoiced for _, _, invoiced, _ in lines) > 0


def test_every_invoice_line_reconciles(night):
    bad = night.con.execute("""
        select count(*) from marts.intermunicipal_invoice_basis
        where to_invoice_dkk + already_invoiced_dkk <> amount_dkk""").fetchone()[0]
    periods = {p for (p,) in night.con.execute(
        "select distinct period from marts.intermunicipal_invoice_basis").fetchall()}
    assert bad == 0
    assert periods and all(p[:4].isdigit() and p[4:6] == "-Q" for p in periods)  # default: quarters


def read_delivered_csv(path) -> list[dict]:
    """A delivered CSV (Danish dialect; UTF-8 with or without BOM, or Windows-1252)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def csv_postings(delivery) -> list[dict]:
    return [row for path in sorted((delivery / "economy").glob("postings*.csv"))
            for row in read_delivered_csv(path)]


def danish_date(text: str) -> tuple[int, int, int]:
    day, month, year = text.split(".")
    return int(year), int(month), int(day)


@pytest.mark.parametrize("year", [THIS_YEAR, THIS_YEAR - 1])
def test_booked_equals_the_delivered_postings_per_function(night, year):
    """Booked = dranst-1 expense (arts 7.6/7.7/7.8 left out) of the fiscal year with posting date
    on or before as_of, read from the CSV files the generator delivered; for last year that
    includes its postings of January-February this year."""
    cutoff = (DELIVERY_DATE.year, DELIVERY_DATE.month, DELIVERY_DATE.day)
    expected: dict[str, Decimal] = {}
    for row in csv_postings(night.delivery):
        if (row["fiscal_year"] == str(year) and row["dranst"] == "1"
                and row["art"] not in ("7.6", "7.7", "7.8") and danish_date(row["posting_date"]) <= cutoff):
            amount = Decimal(row["amount"].replace(",", "."))
            expected[row["function_code"]] = expected.get(row["function_code"], Decimal(0)) + amount
    booked = dict(night.con.execute("""
        select group_code, booked_dkk from marts.expected_spending
        where fiscal_year = ? and group_kind = 'function'""", [year]).fetchall())
    assert expected and {k: v for k, v in booked.items() if v != 0 or k in expected} == expected


def test_every_aggregation_adds_up_to_the_same_expected_year(night):
    totals = night.con.execute("""
        select group_kind, sum(booked_dkk), sum(remaining_dkk), sum(expected_dkk)
        from marts.expected_spending where fiscal_year = ? group by group_kind""", [THIS_YEAR]).fetchall()
    assert {kind for kind, *_ in totals} == {"function", "area", "legal_basis", "benefit_type", "provider"}
    assert len({tuple(sums) for _, *sums in totals}) == 1
    by_grant = night.con.execute("""
        select sum(remaining_dkk), count(*) filter (where expected_dkk <> booked_dkk + remaining_dkk)
        from marts.expected_spending_by_grant where fiscal_year = ?""", [THIS_YEAR]).fetchone()
    assert by_grant[1] == 0
    assert by_grant[0] == totals[0][2] and by_grant[0] > 0  # active grants still cost something this year
    past = night.con.execute("""
        select sum(remaining_dkk) from marts.expected_spending_by_grant where fiscal_year < ?""",
                             [THIS_YEAR]).fetchone()[0]
    assert past == 0  # a completed year has nothing remaining


FORECAST_VARIANTS = ("arrears", "prepaid_ended", "dead", "other_payer", "january_posting")


def dkk(amount) -> Decimal:
    return Decimal(str(amount)).quantize(Decimal("0.01"))


@pytest.mark.parametrize("variant", FORECAST_VARIANTS)
def test_planted_forecasts_have_their_planted_figures(night, variant):
    """spending.md at the cut-off: each planted grant's booked, remaining and expected for its
    fiscal year are the planted figures (computed by the generator from the rule)."""
    [case] = [case for case in night.truth["forecasts"] if case["variant"] == variant]
    grant_id, year = case["anchor"]["grant_id"], case["fiscal_year"]
    rows = night.con.execute("""
        select fiscal_year, cost_year_dkk, booked_dkk, remaining_dkk, expected_dkk
        from marts.expected_spending_by_grant where grant_id = ?""", [grant_id]).fetchall()
    by_year = {fiscal_year: figures for fiscal_year, *figures in rows}
    planted = [dkk(case[column]) for column in ("cost_year_dkk", "booked_dkk", "remaining_dkk", "expected_dkk")]
    if variant == "other_payer":  # another municipality pays: no active day, nothing booked
        assert not rows or all(figures == [0, 0, 0, 0] for figures in by_year.values()), case["id"]
        assert planted == [0, 0, 0, 0]
        return
    assert by_year.get(year) is not None, f"{case['id']}: no row for {year}"
    assert list(by_year[year]) == planted, f"{case['id']} ({case['description']})"
    if variant == "january_posting":  # the January posting is last year's, not this year's
        assert by_year.get(year + 1, (0, 0, 0, 0))[1] == 0


def test_the_planted_forecast_cases_are_all_there(night):
    assert sorted(case["variant"] for case in night.truth["forecasts"]) == sorted(FORECAST_VARIANTS)


def test_every_price_unit_is_forecast(night):
    units = dict(night.con.execute("""
        select price_unit, sum(cost_year_dkk) from marts.expected_spending_by_grant
        group by price_unit""").fetchall())
    assert set(units) == {"day", "month", "hour", "once"}
    assert all(cost > 0 for cost in units.values())
    this_year = {unit for (unit,) in night.con.execute("""
        select distinct price_unit from marts.expected_spending_by_grant
        where fiscal_year = ? and remaining_dkk > 0""", [THIS_YEAR]).fetchall()}
    assert {"day", "month", "hour"} <= this_year


def test_the_inventory_lists_every_delivered_grant_type(night):
    delivered = {row["benefit_type_code"] for row in read_delivered_csv(night.delivery / "cases" / "grants.csv")}
    inventory = night.con.execute(
        "select benefit_type_code, is_mapped, listing_rank from marts.grant_type_inventory order by listing_rank"
    ).fetchall()
    assert {code for code, *_ in inventory} == delivered
    mapped = [is_mapped for _, is_mapped, _ in inventory]
    assert mapped == sorted(mapped)  # unmapped codes first


def test_no_cpr_number_in_the_spending_marts(night):
    cprs = {cpr for (cpr,) in night.con.execute("select cpr from restricted.person_identity").fetchall()}
    for table in ("expected_spending_by_grant", "intermunicipal_invoice_basis", "spending_data_quality",
                  "grant_type_inventory", "expected_spending"):
        columns = [c for (c,) in night.con.execute(
            "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ?",
            [table]).fetchall()]
        assert "cpr" not in columns
        rows = night.con.execute(f"select * from marts.{table}").fetchall()
        assert not any(str(value) in cprs for row in rows for value in row), table


def test_the_restricted_export_names_the_planted_person_and_is_logged(night, tmp_path):
    """The economy system's export with CPR, on the served warehouse of the real run: the
    planted uninvoiced person's CPR is in it, the analysts' export has none, and the
    re-identification is written to the web page's audit store."""
    from orchestration.cli import main

    case = missing_charge_cases(night.truth, True)[0]
    cpr, counterparty = case["anchor"]["cpr"], case["anchor"]["counterparty_municipality_code"]
    restricted, analysts = tmp_path / "restricted.csv", tmp_path / "analysts.csv"
    assert main(["invoice-basis", "--municipality", counterparty, "--format", "csv", "--output", str(analysts)]) == 0
    assert main(["invoice-basis", "--municipality", counterparty, "--format", "csv", "--output", str(restricted),
                 "--with-cpr", "--reason", "Opkrævning hos modpartskommunen"]) == 0
    assert cpr in restricted.read_text(encoding="utf-8-sig")
    assert cpr not in analysts.read_text(encoding="utf-8-sig")
    import json
    import sqlite3

    audit = sqlite3.connect(night.settings.web_db)
    try:
        logged = [(reason, json.loads(detail)["n_persons"]) for reason, detail in audit.execute(
            "select reason, detail from audit_auditevent where action = 'cli_reidentification'").fetchall()]
    finally:
        audit.close()
    persons = night.con.execute("""
        select count(distinct person_key) from marts.intermunicipal_invoice_basis
        where counterparty_municipality_code = ? and to_invoice_dkk <> 0 and not is_time_barred""",
                                [counterparty]).fetchone()[0]
    assert logged == [("Opkrævning hos modpartskommunen", persons)]


def test_budgets_per_function_and_area_only_and_ungranted_expense_is_uden_bevilling(night):
    """Budget and overspend per function and area only; expense matched to no grant forms the row
    `uden bevilling` under legal basis, benefit type and provider, the same amount in each."""
    rows = night.con.execute("""
        select group_kind, group_code, booked_dkk, remaining_dkk, budget_dkk, overspend_dkk
        from marts.expected_spending where fiscal_year = ?""", [THIS_YEAR]).fetchall()
    grant_kinds = ("legal_basis", "benefit_type", "provider")
    assert all(budget is None and overspend is None
               for kind, _, _, _, budget, overspend in rows if kind in grant_kinds)
    assert any(budget is not None for kind, *_, budget, _ in rows if kind == "function")
    assert any(budget is not None for kind, *_, budget, _ in rows if kind == "area")
    ungranted = {kind: (booked, remaining) for kind, code, booked, remaining, *_ in rows
                 if code == "uden bevilling"}
    assert set(ungranted) == set(grant_kinds)
    assert len(set(ungranted.values())) == 1
    booked, remaining = ungranted["provider"]
    assert booked > 0 and remaining == 0
