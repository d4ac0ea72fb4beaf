"""The bench's measurements besides the pipeline's own: the DuckDB floor run side by side
(``../shared/floor/floor.sh``), the sizes of the served files, and the closing summary table."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from orchestration.settings import REPO_DIR, Settings, load_settings

FLOOR_SCRIPT = REPO_DIR.parent / "shared" / "floor" / "floor.sh"
MIB = 1024 * 1024


def run_floor(persons: int, postings: int, script: Path = FLOOR_SCRIPT) -> tuple[float | None, str]:
    """The floor's ``total_s`` for this many persons and postings, and what to print about it.
    Never raises: a missing script or a failed or unreadable run gives (None, why)."""
    if not script.exists():
        return None, "floor not available"
    try:
        done = subprocess.run(["bash", str(script), str(persons), str(postings)], capture_output=True,
                              text=True, timeout=3600)
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"floor not available ({error})"
    total = parse_floor_total(done.stdout)
    if done.returncode != 0 or total is None:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        return None, f"floor not available (exit {done.returncode}: {tail[0][:200]})"
    line = next(x for x in reversed(done.stdout.splitlines()) if "total_s=" in x)
    return total, line.strip()


def parse_floor_total(output: str) -> float | None:
    """The number after ``total_s=`` on the floor's last such line."""
    found = re.findall(r"total_s=([0-9]+(?:\.[0-9]+)?)", output)
    return float(found[-1]) if found else None


def settings_for(var: Path) -> Settings:
    """The settings of the bench's installation under ``var`` (its environment, not the caller's)."""
    with mock.patch.dict(os.environ, {"KOMMUNELAGER_VAR_DIR": str(var),
                                      "DAGSTER_HOME": str(var / "dagster_home")}):
        for name in ("KOMMUNELAGER_LANDING_DIR", "KOMMUNELAGER_PERSON_KEY_SECRET_FILE"):
            os.environ.pop(name, None)
        return load_settings()


def served_files(settings: Settings) -> list[tuple[str, Path, float | None]]:
    """(label, path, MiB or None when absent) of the files a night leaves behind."""
    files = [("analysts' file", settings.published_db), ("identity file", settings.identity_db),
             ("state file", settings.state_db), ("private build file", settings.build_db),
             ("family years (kept)", settings.family_years_build_db)]
    return [(label, path, path.stat().st_size / MIB if path.exists() else None) for label, path in files]


def print_served_files(settings: Settings) -> None:
    for label, path, mib in served_files(settings):
        size = f"{mib:8.1f} MiB" if mib is not None else "  absent"
        print(f"  {label:<20} {size}   {path}")


@dataclass
class SizeResult:
    citizens: int
    postings: int
    pipeline_s: float
    peak_mib: float
    floor_s: float | None
    analysts_mib: float | None
    second_s: float | None = None
    second_peak_mib: float | None = None
    third_s: float | None = None

    @property
    def ratio(self) -> float | None:
        return self.pipeline_s / self.floor_s if self.floor_s else None


def ratio_text(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.1f} ×"


def print_summary(results: list[SizeResult]) -> None:
    """One line per size: the figures issue #14 compares."""
    print("\n=== summary ===")
    print(f"{'citizens':>10} {'postings':>11} {'pipeline s':>10} {'peak MiB':>9} {'floor s':>8} "
          f"{'ratio':>7} {'analysts MiB':>12} {'2nd night s':>11} {'2nd/full':>8} {'3rd night s':>11} {'3rd/full':>8}")

    def num(value: float | None, fmt: str) -> str:
        return "—" if value is None else format(value, fmt)

    for r in results:
        second = r.second_s / r.pipeline_s if r.second_s is not None else None
        third = r.third_s / r.pipeline_s if r.third_s is not None else None
        print(f"{r.citizens:>10,} {r.postings:>11,} {r.pipeline_s:>10.1f} {r.peak_mib:>9,.0f} "
              f"{num(r.floor_s, '.1f'):>8} {ratio_text(r.ratio):>7} {num(r.analysts_mib, ',.1f'):>12} "
              f"{num(r.second_s, '.1f'):>11} {num(second, '.2f'):>8} {num(r.third_s, '.1f'):>11} {num(third, '.2f'):>8}")
