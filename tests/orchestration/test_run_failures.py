"""Every failure ends in the same handling (issue #12, items 2, 4 and 7): one RUN FAILED line with
a plain message printed once, a run record in the state database, an alert in the log channel,
the served file byte for byte as it was, and the private build 0700/0600 — also when the failure
is outside the assets (a broken Dagster instance) or the disk fills up under the build."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

import duckdb
import pytest

from orchestration.run_guard import guarded_run
from orchestration.runner import run_delivery
from sources.generator import generate_delivery
from tests.conftest import DELIVERY_DATE

DATE = DELIVERY_DATE.isoformat()
SERVED = b"last night's analysts' file"


def _serve_previous_night(settings) -> None:
    """Stands for the served file: nothing of a failed run may open, move or rewrite it."""
    settings.published_db.parent.mkdir(parents=True)
    settings.published_db.write_bytes(SERVED)


def _run_records(settings) -> list[tuple]:
    con = duckdb.connect(str(settings.state_db), read_only=True)
    try:
        return con.execute("select delivery_date::varchar, status, message from runs").fetchall()
    finally:
        con.close()


def _modes(folder) -> dict[str, int]:
    found = {str(folder): stat.S_IMODE(folder.stat().st_mode)}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            found[os.path.join(root, name)] = stat.S_IMODE(os.lstat(os.path.join(root, name)).st_mode)
    return found


def test_a_broken_dagster_instance_fails_the_run_cleanly(installation, capsys):
    (installation.landing_dir / DATE).mkdir(parents=True)
    (installation.landing_dir / DATE / "manifest.json").write_text("{}")
    _serve_previous_night(installation)
    (installation.dagster_home / "dagster.yaml").write_text("storage: [this is not a storage\n")

    assert not run_delivery(installation, DATE)

    out = capsys.readouterr()
    screen = out.out + out.err
    assert screen.count("RUN FAILED") == 1
    failed = screen.split("RUN FAILED", 1)[1].splitlines()[1]  # the message's first line
    assert "dagster.yaml" in screen and "Traceback" not in screen
    assert not failed.split(":")[0].endswith(("Error", "Exception")), f"a class name leads: {failed}"
    assert screen.count(failed) == 1, "the message is printed once (the alert goes to its log)"
    [(delivery, status, message)] = _run_records(installation)
    assert (delivery, status) == (DATE, "failed") and "dagster.yaml" in message
    alerts = (installation.run_dir / "alerts.log").read_text()
    assert f"run for delivery {DATE} failed" in alerts
    assert installation.published_db.read_bytes() == SERVED
    assert (installation.landing_dir / DATE).exists(), "not quarantined: the delivery is not at fault"


def test_files_made_during_a_run_are_private(installation):
    """DuckDB and the dbt subprocess create the working copy with the umask of the run."""
    (installation.landing_dir / DATE).mkdir(parents=True)
    with guarded_run(installation, DATE):
        installation.build_dir.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(installation.build_db))
        con.execute("create table raw as select '0101801234' as cpr")
        wal = installation.build_db.with_name(installation.build_db.name + ".wal")
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600  # while the run is still writing
        subprocess.run([sys.executable, "-c", f"open({str(installation.build_dir / 'from_dbt.log')!r}, 'w')"],
                       check=True)
        con.close()
        assert stat.S_IMODE(installation.build_db.stat().st_mode) == 0o600
        assert stat.S_IMODE((installation.build_dir / "from_dbt.log").stat().st_mode) == 0o600
    assert os.umask(0o022) == 0o022, "the process umask is restored after the run"


@pytest.fixture
def full_build_disk(installation):
    """The build folder on a real 10 MiB tmpfs: the preflight passes (the 1.2 MB delivery needs at
    least twice its size) but the working copy of 400 citizens needs about 40 MB."""
    installation.build_dir.mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=10m", "tmpfs", str(installation.build_dir)], check=True)
    try:
        yield installation
    finally:
        subprocess.run(["umount", str(installation.build_dir)], check=True)


def test_a_full_disk_fails_the_run_cleanly_and_keeps_the_build_private(full_build_disk, capsys, tmp_path):
    settings = full_build_disk
    golden = generate_delivery(tmp_path / "golden", citizens=400, seed=7, delivery_date=DELIVERY_DATE)
    shutil.copytree(golden.folder, settings.landing_dir / DATE)
    _serve_previous_night(settings)

    assert not run_delivery(settings, DATE)

    screen = "".join(capsys.readouterr())
    assert screen.count("RUN FAILED") == 1 and "Traceback" not in screen
    assert "The disk is full" in screen
    [(delivery, status, message)] = _run_records(settings)
    assert (delivery, status) == (DATE, "failed") and "No space left on device" in message
    assert f"run for delivery {DATE} failed" in (settings.run_dir / "alerts.log").read_text()
    assert settings.published_db.read_bytes() == SERVED
    assert not settings.identity_db.exists()
    modes = _modes(settings.build_dir)
    assert str(settings.build_db) in modes, "the failed build stays for diagnosis, in the private folder"
    assert {p: m for p, m in modes.items() if m != (0o700 if os.path.isdir(p) else 0o600)} == {}


@pytest.mark.parametrize("raised, expected", [
    (ValueError("the decision store has an unknown status"), "the decision store has an unknown status"),
    (None, "Delivery 2026-11-22 is structurally broken"),  # a dg.Failure, as the assets raise them
])
def test_a_step_failure_reads_as_one_plain_message(raised, expected):
    """Dagster wraps a step's exception and puts class names in front; the CLI shows the reason."""
    import dagster as dg

    from orchestration.runner import _error_text

    @dg.op
    def failing():
        raise raised if raised else dg.Failure("Delivery 2026-11-22 is structurally broken")

    @dg.job
    def tiny():
        failing()

    result = tiny.execute_in_process(raise_on_error=False)
    [event] = [e for e in result.all_events if e.is_step_failure]
    assert _error_text(event.step_failure_data.error) == expected


def test_a_memory_ceiling_too_low_fails_the_run_with_what_to_do(tmp_path, monkeypatch, capsys):
    """A step DuckDB cannot fit under the ceiling (here 8MB; a 3M night at 2.5 GB, docs/benchmarks.md)
    fails the run like any other, and the message says which setting to raise."""
    from tests.conftest import make_installation

    monkeypatch.setenv("KOMMUNELAGER_DUCKDB_MEMORY_LIMIT", "8MB")
    settings = make_installation(tmp_path / "var", monkeypatch)
    golden = generate_delivery(tmp_path / "golden", citizens=400, seed=7, delivery_date=DELIVERY_DATE)
    shutil.copytree(golden.folder, settings.landing_dir / DATE)
    _serve_previous_night(settings)

    assert not run_delivery(settings, DATE)

    screen = "".join(capsys.readouterr())
    assert screen.count("RUN FAILED") == 1 and "Out of Memory Error" in screen
    assert "raise the ceiling" in screen and "KOMMUNELAGER_DUCKDB_MEMORY_LIMIT = 8MB" in screen
    [(delivery, status, message)] = _run_records(settings)
    assert (delivery, status) == (DATE, "failed") and "KOMMUNELAGER_DUCKDB_MEMORY_LIMIT" in message
    assert settings.published_db.read_bytes() == SERVED
