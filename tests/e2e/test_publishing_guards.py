"""Two of the data tests that guard publishing, written for speed (issue #14), still catch what
they guard: a member twice in one family of bridge_family_person (`unique_combination`, which
groups by a hash of the columns first) and a CPR-shaped value in a text column of the marts
(`marts_have_no_cpr_values`, which matches only values of 10 characters or more). A copy of the night's
analysts' part is spoiled in both ways and the two tests must fail, each with one finding."""

from __future__ import annotations

import json

import duckdb

from tests.e2e.dbt_on_the_night import dbt_test

REPEATED_MEMBER = "bridge_family_person,test_name:unique_combination"
NO_CPR_VALUES = "marts_have_no_cpr_values"


def _spoil(analysts_part) -> None:
    con = duckdb.connect(str(analysts_part))
    try:
        con.execute("insert into marts.bridge_family_person select * from marts.bridge_family_person limit 1")
        # a replacement number (day + 60) in a column of codes, on one family only
        con.execute("update marts.dim_family set family_type = 'se 610190-1234' "
                    "where family_key = (select min(family_key) from marts.dim_family)")
    finally:
        con.close()


def _failures(target) -> dict[str, int]:
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    return {r["unique_id"].split(".")[2]: r["failures"] for r in results}


def test_the_guards_pass_on_the_night_as_built(published_night, tmp_path):
    ran, _ = dbt_test(published_night, tmp_path, f"{REPEATED_MEMBER} {NO_CPR_VALUES}")
    assert len(ran) == 2 and set(ran.values()) == {"pass"}


def test_a_repeated_member_and_a_cpr_shaped_value_fail_the_guards(published_night, tmp_path):
    ran, target = dbt_test(published_night, tmp_path, f"{REPEATED_MEMBER} {NO_CPR_VALUES}",
                           tamper=_spoil, expect_pass=False)
    assert len(ran) == 2 and set(ran.values()) == {"fail"}
    failures = _failures(target)
    assert failures[NO_CPR_VALUES] == 1  # dim_family.family_type, one row
    [repeated] = [n for name, n in failures.items() if name.startswith("unique_combination_bridge")]
    assert repeated == 1  # one combination, twice
