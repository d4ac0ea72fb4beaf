"""`kommunelager bench` (`make bench`): generate and run municipalities of several sizes and print,
per size, rows per source, generation time, pipeline time per stage and peak memory.

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


def run_benchmark(sizes: list[int]) -> int:
    exe = str(Path(sys.executable).with_name("kommunelager"))
    for size in sizes:
        var = REPO_DIR / "var" / "bench" / str(size)
        subprocess.run(["rm", "-rf", str(var)], check=True)
        (var / "secrets").mkdir(parents=True, mode=0o700)
        (var / "secrets" / "person_key.secret").write_text(secrets.token_hex(32))
        env = {**os.environ, "KOMMUNELAGER_VAR_DIR": str(var), "DAGSTER_HOME": str(var / "dagster_home"),
               "DO_NOT_TRACK": "1"}
        gen_s, gen_mb, _ = _run([exe, "generate", "--citizens", str(size)], env, var / "bench.log")
        run_s, run_mb, _ = _run([exe, "run"], env, var / "bench.log")
        timings = json.loads((var / "run" / "last_run_timings.json").read_text())
        import duckdb

        # raw tables are in the private build (kept after the run), not in the analysts' file
        con = duckdb.connect(str(var / "build" / "building.duckdb"), read_only=True)
        rows = con.execute("select schema_name || '.' || table_name, estimated_size from duckdb_tables() "
                           "where schema_name like 'raw_%' order by 1").fetchall()
        con.close()
        print(f"\n=== {size:,} citizens ===")
        print(f"generate: {gen_s:8.1f} s   peak {gen_mb:8.0f} MiB")
        print(f"pipeline: {run_s:8.1f} s   peak {run_mb:8.0f} MiB (incl. dbt)")
        for step, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
            print(f"  {step:<60} {seconds:8.1f} s")
        print("slowest dbt models:")
        for model, seconds in slowest_dbt_models(var / "run"):
            print(f"  {model:<60} {seconds:8.1f} s")
        print("dbt model time by group (sum of model execution times; dbt runs 2 threads):")
        for group, seconds in dbt_model_times(var / "run").items():
            print(f"  {group:<60} {seconds:8.1f} s")
        print("rows per source table:")
        for name, n in rows:
            print(f"  {name:<40} {n:>12,}")
        sys.stdout.flush()
    return 0
