"""`kommunelager bench` (`make bench`): generate and run municipalities of several sizes and print,
per size, rows per source, generation time, pipeline time per step and per dbt model, peak memory,
the DuckDB floor beside the pipeline (``../shared/floor/floor.sh``, issue #14) and the sizes of the
served files; then the second night (a CPR change delivery, ``sources.generator.next_night``) on
the same installation; and a summary table of all sizes.

Each size runs in child processes with its own installation under ``var/bench/<size>``, so peak
memory (``wait4`` rusage: the child and the dbt process it waited for) is that of one command."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from orchestration.bench_report import (
    SizeResult, print_served_files, print_summary, ratio_text, run_floor, served_files, settings_for,
)
from orchestration.settings import REPO_DIR


def _run(args: list[str], env: dict, log: Path) -> tuple[float, float, int]:
    started = time.perf_counter()
    with open(log, "ab") as out:
        process = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = log.read_text(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({code}):\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, code  # ru_maxrss is KiB on Linux


def dbt_model_times(run_dir: Path) -> dict[str, float]:
    """Seconds per model group of the run's `dbt build` (the run_results.json the transform asset
    keeps in the run dir), slowest first: `income_optimisation` is the checks (their
    intermediate models and marts), `families` the family dimensions."""
    results = json.loads((run_dir / "dbt_run_results.json").read_text())["results"]
    nodes = json.loads((run_dir / "dbt_manifest.json").read_text())["nodes"]
    groups: dict[str, float] = {}
    for result in results:
        node = nodes.get(result["unique_id"])
        if not node or node["resource_type"] != "model":
            continue
        parts = Path(node["original_file_path"]).parts  # models/<layer>/<domain>/...
        group = parts[2] if len(parts) > 3 and parts[1] in ("intermediate", "marts") else parts[1]
        groups[group] = groups.get(group, 0.0) + result["execution_time"]
    return dict(sorted(groups.items(), key=lambda kv: -kv[1]))


def slowest_dbt_models(run_dir: Path, n: int = 8) -> list[tuple[str, float]]:
    results = json.loads((run_dir / "dbt_run_results.json").read_text())["results"]
    models = [(r["unique_id"].split(".")[-1], r["execution_time"]) for r in results
              if r["unique_id"].startswith("model.")]
    return sorted(models, key=lambda m: -m[1])[:n]


def run_benchmark(sizes: list[int], *, postings_per_citizen: float | None = None,
                  second_night: bool = True) -> int:
    exe = str(Path(sys.executable).with_name("kommunelager"))
    results = []
    for size in sizes:
        var = REPO_DIR / "var" / "bench" / str(size)
        subprocess.run(["rm", "-rf", str(var)], check=True)
        (var / "secrets").mkdir(parents=True, mode=0o700)
        (var / "secrets" / "person_key.secret").write_text(secrets.token_hex(32))
        env = {**os.environ, "KOMMUNELAGER_VAR_DIR": str(var), "DAGSTER_HOME": str(var / "dagster_home"),
               "DO_NOT_TRACK": "1"}
        for name in ("KOMMUNELAGER_LANDING_DIR", "KOMMUNELAGER_PERSON_KEY_SECRET_FILE"):
            env.pop(name, None)  # the bench's installation, whatever the caller's is
        settings = settings_for(var)
        generate = [exe, "generate", "--citizens", str(size)]
        if postings_per_citizen:
            generate += ["--postings-per-citizen", str(postings_per_citizen)]
        gen_s, gen_mb, _ = _run(generate, env, var / "bench.log")
        delivery = max(p for p in settings.landing_dir.iterdir() if (p / "READY").exists())
        postings = _postings_rows(delivery)
        run_s, run_mb, _ = _run([exe, "run"], env, var / "bench.log")
        floor_s, floor_line = run_floor(size, postings)
        print(f"\n=== {size:,} citizens, {postings:,} postings ({postings / size:.1f} per citizen) ===")
        print(f"generate: {gen_s:8.1f} s   peak {gen_mb:8.0f} MiB")
        print(f"pipeline: {run_s:8.1f} s   peak {run_mb:8.0f} MiB (incl. dbt)")
        if floor_s is None:
            print(f"floor:    {floor_line}")
        else:
            print(f"floor:    {floor_s:8.1f} s   pipeline / floor {ratio_text(run_s / floor_s)}   ({floor_line})")
        _print_run_details(var, settings)
        result = SizeResult(size, postings, run_s, run_mb, floor_s, served_files(settings)[0][2])
        if second_night:
            result.second_s, result.second_peak_mib, second = _next_night(
                exe, env, var, settings, delivery, run_s, "second")
            # the first night after a full one deletes the current year's families from tables a
            # full build wrote all years into at once; later nights find them at the tables' end
            result.third_s, _, _ = _next_night(exe, env, var, settings, second, run_s, "third")
        results.append(result)
        sys.stdout.flush()
    print_summary(results)
    return 0


def _postings_rows(delivery: Path) -> int:
    files = json.loads((delivery / "manifest.json").read_text(encoding="utf-8"))["files"]
    return sum(f.get("rows", 0) for name, f in files.items() if name.startswith("economy/postings"))


def _print_run_details(var: Path, settings) -> None:
    """Per step, per dbt model and group, rows per raw table, and the files the night left."""
    import duckdb

    timings = json.loads((var / "run" / "last_run_timings.json").read_text())
    peaks = json.loads((var / "run" / "last_run_memory.json").read_text())
    print(f"  peak RSS by process: the pipeline's own {peaks['pipeline_process']:.0f} MiB, "
          f"dbt {peaks['dbt']:.0f} MiB (Linux counts a child from its fork: at least the "
          "pipeline's size when it started dbt)")
    for step, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {step:<60} {seconds:8.1f} s")
    print("slowest dbt models:")
    for model, seconds in slowest_dbt_models(var / "run"):
        print(f"  {model:<60} {seconds:8.1f} s")
    print("dbt model time by group (sum of model execution times; dbt runs one model at a time):")
    for group, seconds in dbt_model_times(var / "run").items():
        print(f"  {group:<60} {seconds:8.1f} s")
    # raw tables are in the private build (kept after the run), not in the analysts' file
    con = duckdb.connect(str(settings.build_db), read_only=True)
    rows = con.execute("select schema_name || '.' || table_name, estimated_size from duckdb_tables() "
                       "where schema_name like 'raw_%' order by 1").fetchall()
    years = con.execute("select fiscal_year, is_kept, is_bridge_kept from intermediate.int_family_years_fingerprinted "
                        "order by fiscal_year").fetchall()
    con.close()
    for label, column in (("family years", 1), ("bridge years", 2)):
        print(f"{label} kept from the night before: "
              f"{', '.join(str(y[0]) for y in years if y[column]) or 'none'}; "
              f"built: {', '.join(str(y[0]) for y in years if not y[column]) or 'none'}")
    print("rows per source table:")
    for name, n in rows:
        print(f"  {name:<40} {n:>12,}")
    print("files after the night:")
    print_served_files(settings)


def _next_night(exe: str, env: dict, var: Path, settings, previous: Path, full_s: float,
                label: str) -> tuple[float, float, Path]:
    """The next day's delivery after ``previous`` (CPR change extract, snapshots plus one month)
    on the same installation: its time, peak and folder."""
    from sources.generator.next_night import write_next_night

    started = time.perf_counter()
    folder = write_next_night(previous)
    write_s = time.perf_counter() - started
    run_s, run_mb, _ = _run([exe, "run", "--delivery", folder.name], env, var / "bench.log")
    print(f"\n--- {label} night {folder.name} (CPR change extract, one new month of postings) ---")
    print(f"written:  {write_s:8.1f} s")
    print(f"pipeline: {run_s:8.1f} s   peak {run_mb:8.0f} MiB (incl. dbt)   "
          f"{label} / full night {run_s / full_s:.2f} (goal <= 0.5)")
    _print_run_details(var, settings)
    return run_s, run_mb, folder
