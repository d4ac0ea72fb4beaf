"""One run at a time (issue #12, item 1), with real processes: a second run refuses at once and
names the holder, waits when asked, and takes over the lock of a killed holder; a Dagster run
(the schedule's and the sensor's path) takes the same lock inside the job."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap

import dagster as dg
import pytest

from orchestration.run_lock import RunLockHeld, run_lock
from orchestration.settings import REPO_DIR

DATE = "2026-11-22"


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code)]


@pytest.fixture
def holder(installation):
    """Another process holding the run lock for delivery 2026-11-21, until its stdin closes."""
    child = subprocess.Popen(_python(f"""
        import sys
        from pathlib import Path
        from orchestration.run_lock import run_lock
        with run_lock(Path({str(installation.run_lock_file)!r}), "2026-11-21"):
            print("locked", flush=True)
            sys.stdin.read()
        print("released", flush=True)
    """), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO_DIR)
    assert child.stdout.readline().strip() == "locked"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orchestration.cli", *args], capture_output=True, text=True,
                          cwd=REPO_DIR)


def test_a_second_run_refuses_at_once_naming_the_holder(installation, holder):
    refused = _cli("run", "--delivery", DATE)
    assert refused.returncode == 3
    assert "RUN REFUSED: another run holds the run lock" in refused.stderr
    assert f"pid {holder.pid} on {socket.gethostname()}, delivery 2026-11-21, since " in refused.stderr
    assert "--wait" in refused.stderr
    assert "Traceback" not in refused.stderr + refused.stdout


def test_the_refused_run_touches_nothing(installation, holder):
    """The second run used to delete the working copy the first was writing."""
    installation.build_dir.mkdir(parents=True)
    installation.build_db.write_bytes(b"the other run's working copy")
    assert _cli("run", "--delivery", DATE).returncode == 3
    assert installation.build_db.read_bytes() == b"the other run's working copy"
    assert not installation.state_db.exists(), "no run record: the refused run is not a failed delivery"


def test_with_wait_a_run_waits_for_the_holder(installation, holder):
    waiter = subprocess.Popen(_python(f"""
        from pathlib import Path
        from orchestration.run_lock import run_lock
        with run_lock(Path({str(installation.run_lock_file)!r}), {DATE!r}, wait=True):
            print("got it", flush=True)
    """), stdout=subprocess.PIPE, text=True, cwd=REPO_DIR)
    assert waiter.stdout.readline().startswith(f"waiting: another run holds the run lock: pid {holder.pid}")
    holder.stdin.close()  # the first run ends
    assert holder.stdout.readline().strip() == "released"
    assert waiter.stdout.readline().strip() == "got it"
    assert waiter.wait() == 0


def test_the_lock_of_a_killed_run_is_taken_over(installation, holder):
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert "2026-11-21" in installation.run_lock_file.read_text(), "the dead holder's note is still there"
    with run_lock(installation.run_lock_file, DATE):  # the kernel dropped the flock with the process
        assert f'"delivery": "{DATE}"' in installation.run_lock_file.read_text()


def test_in_one_process_the_lock_is_reentrant(installation):
    with run_lock(installation.run_lock_file, DATE):
        with run_lock(installation.run_lock_file, DATE):
            pass
        probe = subprocess.run(_python(f"""
            from pathlib import Path
            from orchestration.run_lock import RunLockHeld, run_lock
            try:
                with run_lock(Path({str(installation.run_lock_file)!r})):
                    print("free")
            except RunLockHeld:
                print("held")
        """), capture_output=True, text=True, cwd=REPO_DIR)
        assert probe.stdout.strip() == "held", "leaving the inner block must not release the outer lock"


def test_a_dagster_run_takes_the_same_lock_inside_the_job(installation, holder):
    """The schedule's and the sensor's runs do not pass through the CLI: the job refuses itself."""
    from orchestration.defs.landing.deliveries import run_config_for
    from orchestration.definitions import build_definitions

    (installation.landing_dir / DATE).mkdir(parents=True)
    installation.build_dir.mkdir(parents=True)
    installation.build_db.write_bytes(b"the other run's working copy")
    job = build_definitions().resolve_job_def("nightly")
    with dg.DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(run_config=run_config_for(installation, DATE), instance=instance,
                                        raise_on_error=False)
    assert not result.success
    [failure] = [e for e in result.all_events if e.event_type_value == "RESOURCE_INIT_FAILURE"]
    assert "another run holds the run lock" in failure.event_specific_data.error.message
    assert not [e for e in result.all_events if e.event_type_value == "STEP_START"], "no step ran"
    assert installation.build_db.read_bytes() == b"the other run's working copy"
    with pytest.raises(RunLockHeld):  # still the other process's
        with run_lock(installation.run_lock_file, DATE):
            pass
