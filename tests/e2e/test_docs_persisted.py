"""Model docs reach the tools analysts use (issue #12, item 9): every table and column of `marts`
(and every reference seed) carries its dbt description as a DuckDB comment in the analysts' file —
what DBeaver and the DuckDB CLI show — written for an analyst, not a bare pointer into the spec;
and `make docs` builds the dbt catalogue from that file without touching it or the repository."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCUMENTED_SCHEMAS = ("marts", "reference")
# "checks.md §2", "(spending.md)", "see families.md §3" ... and nothing else.
SPEC_REFERENCE = re.compile(r"\(?\s*(see\s+)?[\w/-]+\.md(\s*,?\s*§+\s*[\d.,\s-]*)*\s*\)?", re.IGNORECASE)


def is_bare_reference(comment: str) -> bool:
    """True when the comment cites the spec (a `§` or a `*.md` name) and says little else."""
    if "§" not in comment and not SPEC_REFERENCE.search(comment):
        return False
    rest = SPEC_REFERENCE.sub(" ", comment)
    rest = re.sub(r"§+\s*[\d.,\s-]*", " ", rest)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) < 2


def test_bare_reference_detection():
    assert is_bare_reference("checks.md §2")
    assert is_bare_reference("(checks.md §1, §5).")
    assert is_bare_reference("See spending.md.")
    assert is_bare_reference("§ 5")
    assert not is_bare_reference("Beløb i kroner, afrundet til øre (checks.md §2).")
    assert not is_bare_reference("Lovhjemmel: serviceloven § 176.")
    assert not is_bare_reference("Bogføringsdato.")


def _comments(con, schemas):
    in_schemas = ", ".join(f"'{s}'" for s in schemas)
    tables = con.execute(
        f"select schema_name, table_name, comment from duckdb_tables() where schema_name in ({in_schemas}) "
        f"union all select schema_name, view_name, comment from duckdb_views() "
        f"where not internal and schema_name in ({in_schemas}) order by 1, 2").fetchall()
    columns = con.execute(
        f"select schema_name, table_name, column_name, comment from duckdb_columns() "
        f"where schema_name in ({in_schemas}) order by 1, 2").fetchall()
    return tables, columns


def test_every_marts_and_reference_table_and_column_has_a_comment(published_night):
    tables, columns = _comments(published_night.con, DOCUMENTED_SCHEMAS)
    assert {s for s, _, _ in tables} == set(DOCUMENTED_SCHEMAS)
    assert "income_optimisation_flags" in {t for s, t, _ in tables if s == "marts"}
    missing = [f"{s}.{t}" for s, t, c in tables if not (c or "").strip()]
    missing += [f"{s}.{t}.{c}" for s, t, c, x in columns if not (x or "").strip()]
    assert not missing, f"no comment (add a description in the model's or seed's YAML): {missing}"


def test_no_comment_is_a_bare_spec_reference(published_night):
    tables, columns = _comments(published_night.con, ("marts", "reference", "ops"))
    comments = {f"{s}.{t}": c for s, t, c in tables if c}
    comments |= {f"{s}.{t}.{c}": x for s, t, c, x in columns if x}
    assert comments
    bare = {name: text for name, text in comments.items() if is_bare_reference(text)}
    assert not bare, f"explain in words, keep the reference in parentheses after it: {bare}"


@pytest.fixture(scope="module")
def docs_generated(published_night):
    """`make docs` without serving, against this night's analysts' file; reports what it left."""
    published = published_night.settings.published_db
    before = (published.stat().st_ino, published.stat().st_mtime_ns)
    repo_files_before = _untracked_and_ignored()
    completed = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", f"BIN={Path(sys.executable).parent}",
         "docs", "DOCS_SERVE=0"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return {"out": published_night.settings.var_dir / "docs", "published_before": before,
            "published_after": (published.stat().st_ino, published.stat().st_mtime_ns),
            "stray": _untracked_and_ignored() - repo_files_before}


def _untracked_and_ignored() -> set[tuple[str, int]]:
    """Files outside git's index (ignored ones too, e.g. dbt_project/target/), with their mtimes."""
    listed = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "--", ".",
                             ":!.venv", ":!**/__pycache__/**", ":!.pytest_cache"],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout
    paths = [line[3:] for line in listed.splitlines() if line[:2] in ("??", "!!")]
    return {(p, (REPO / p).stat().st_mtime_ns) for p in paths if (REPO / p).exists()}


def test_make_docs_catalogue_lists_the_marts_with_their_comments(docs_generated, published_night):
    target = docs_generated["out"] / "target"
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    assert (target / "manifest.json").exists() and (target / "static_index.html").exists()
    served = {(s, t) for s, t, _ in _comments(published_night.con, ("marts",))[0]}
    nodes = {(n["metadata"]["schema"], n["metadata"]["name"]): n for n in catalog["nodes"].values()}
    assert served <= set(nodes), f"marts missing from the catalogue: {served - set(nodes)}"
    for key in served:
        node = nodes[key]
        assert (node["metadata"]["comment"] or "").strip(), key
        assert node["columns"] and all((c["comment"] or "").strip() for c in node["columns"].values()), key
    assert any(s == "reference" for s, _ in nodes), "the reference seeds are catalogued too"
    assert not any(s in ("staging", "intermediate", "restricted") or s.startswith("raw") for s, _ in nodes)


def test_make_docs_leaves_the_published_file_and_the_repository_alone(docs_generated):
    assert docs_generated["published_after"] == docs_generated["published_before"]
    assert not list(docs_generated["out"].glob("*.duckdb*")), "the working copy is removed after generating"
    assert not docs_generated["stray"], f"make docs left files in the repository: {docs_generated['stray']}"


COLUMN_KEYS = {"name", "description", "data_tests", "tests", "meta", "data_type", "constraints",
               "config", "quote", "tags"}


def test_no_column_description_is_cut_by_a_comma():
    """In a one-line `- {name: x, description: a, b}` the comma ends the description: the column
    is documented as "a" and "b" becomes a key of its own (a number such as `5.58` even breaks
    dbt's partial parsing). Such descriptions are quoted; nothing else may sit in a column."""
    import yaml

    cut = []
    for path in sorted((REPO / "dbt_project" / "models").rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind in ("models", "sources"):
            for node in document.get(kind) or []:
                for table in [node, *(node.get("tables") or [])]:
                    for column in table.get("columns") or []:
                        stray = set(column) - COLUMN_KEYS
                        if stray:
                            cut.append(f"{path.relative_to(REPO)}: {table['name']}.{column['name']} {sorted(map(str, stray))}")
    assert not cut, "quote these descriptions:\n" + "\n".join(cut)
