"""Benchmark of the web page (`make bench-web`; not a test): the worklist's first page with a
filter and a flag page, on an analysts' file of 50.000 flags, server time per request (median
and p95) through Django's full request handling (middleware, session, auth, SQL, templates).

The 50.000 flags are a real published file's flags and month lines, copied under new flag ids
until there are enough; a real file comes from the demo (`var/warehouse/kommunelager.duckdb`) or,
when there is none, from a pipeline run on a generated municipality in a temporary folder."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

N_FLAGS = 50_000
REQUESTS = 60


def _source_file(work: Path) -> Path:
    from orchestration.settings import REPO_DIR

    demo = REPO_DIR / "var" / "warehouse" / "kommunelager.duckdb"
    if demo.exists():
        return demo
    from orchestration.runner import run_delivery
    from sources.generator import generate_delivery

    var = work / "source" / "var"
    os.environ.update({"KOMMUNELAGER_VAR_DIR": str(var), "DAGSTER_HOME": str(var / "dagster_home")})
    from orchestration.cli import _prepare_process, ensure_demo_secret
    from orchestration.settings import load_settings

    settings = load_settings()
    _prepare_process(settings)
    ensure_demo_secret(settings)
    generate_delivery(settings.landing_dir, citizens=5000, seed=1, delivery_date=dt.date(2026, 11, 22))
    assert run_delivery(settings, "2026-11-22"), "the pipeline failed"
    return settings.published_db


def build_warehouse(source: Path, target: Path, n_flags: int) -> tuple[int, int]:
    """Copy ``source`` to ``target`` with its flags (and their lines and runs) multiplied; returns
    the number of flags in the source and in the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    try:
        con.execute(f"attach '{source}' as src (read_only)")
        n_source = con.execute("select count(*) from src.marts.income_optimisation_flags").fetchone()[0]
        copies = -(-n_flags // max(n_source, 1))
        multiplied = {"income_optimisation_flags", "income_optimisation_flag_lines", "income_optimisation_flag_runs"}
        for schema, table in con.execute("select schema_name, table_name from duckdb_tables() "
                                         "where database_name = 'src'").fetchall():
            con.execute(f"create schema if not exists {schema}")
            if table in multiplied:
                columns = [c for (c,) in con.execute(
                    "select column_name from duckdb_columns() where database_name = 'src' and schema_name = ? "
                    "and table_name = ? order by column_index", [schema, table]).fetchall()]
                select = ", ".join("md5(flag_id || '-' || copy) as flag_id" if c == "flag_id" else f'"{c}"'
                                   for c in columns)
                con.execute(f"create table {schema}.{table} as select {select} "
                            f"from src.{schema}.{table}, range({copies}) t(copy)")
            else:
                con.execute(f"create table {schema}.{table} as select * from src.{schema}.{table}")
        return n_source, con.execute("select count(*) from marts.income_optimisation_flags").fetchone()[0]
    finally:
        con.close()


def _timed(client, url: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def _figures(times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return f"median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   (n={len(times)})"


def _memory_gib() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--flags", type=int, default=N_FLAGS)
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--keep", action="store_true", help="keep the temporary installation (its path is printed)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kommunelager-bench-web-"))
    try:
        return _bench(work, args)
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _bench(work: Path, args) -> int:
    source = _source_file(work)
    var = work / "var"
    os.environ.pop("KOMMUNELAGER_DATABASE_URL", None)
    os.environ["KOMMUNELAGER_VAR_DIR"] = str(var)
    from orchestration.settings import load_settings

    settings = load_settings()
    started = time.perf_counter()
    n_source, n = build_warehouse(source, settings.published_db, args.flags)
    print(f"analysts' file with {n:,} flags ({n_source} flags of {source}, copied under new flag ids) "
          f"built in {time.perf_counter() - started:.1f} s")

    from web.bootstrap import migrate

    migrate()
    from django.conf import settings as django_settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    django_settings.ALLOWED_HOSTS = ["testserver"]
    from web.accounts.services import create_user
    from web.worklist.models import Decision

    user, _ = create_user("bench", "controller", [], "bench-kode-2026-lang", actor="bench")
    con = duckdb.connect(str(settings.published_db), read_only=True)
    try:
        flag_ids = [f for (f,) in con.execute("select flag_id from marts.income_optimisation_flags "
                                                "order by flag_id").fetchall()]
        check = con.execute("select check_code from marts.income_optimisation_flags group by 1 "
                            "order by count(*) desc limit 1").fetchone()[0]
    finally:
        con.close()
    # One flag in ten has a decision: the worklist joins them in every query.
    Decision.objects.bulk_create([Decision(flag_id=f, status="under behandling", decided_by=user)
                                  for f in flag_ids[::10]])
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    worklist = _timed(client, f"/?check={check}&sort=-potential", args.requests)
    flag_pages = []
    for flag_id in flag_ids[:: max(1, len(flag_ids) // args.requests)][: args.requests]:
        flag_pages += _timed(client, f"/flag/{flag_id}/", 1)
    print(f"{dt.date.today().isoformat()}, machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{_memory_gib():.0f} GiB RAM, Python {platform.python_version()}, "
          f"decision store {django_settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    print(f"worklist, first page, filter check={check}:  {_figures(worklist)}")
    print(f"flag page:                                  {_figures(flag_pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
