"""One run at a time per installation: the build, the publish and the state have one writer.

Two runs at once used to fail both on DuckDB lock errors, and the second run's fresh start
deleted the working copy the first one was writing. Every path that writes them — the CLI's
`run`/`demo` and Dagster runs started by the schedule or a sensor — takes this lock first
(the CLI in ``runner.run_delivery``, a Dagster run in ``WarehouseResource.yield_for_execution``).

The lock is ``fcntl.flock`` on a file in the private state folder. The kernel drops a flock when
the process that holds it dies, however it dies (even ``kill -9``), so a lock left by a dead run
is no lock at all: the next run takes it at once and no stale-lock cleanup or pid guessing is
needed. The holder writes who it is into the file (pid, host, delivery, since when) only so that
a refused run can say whom it waited for; the content is information, never the lock itself.

The lock is re-entrant within one process: the CLI holds it around the whole run and the job's
resource, running in the same process, then finds it already held and does not lock again (a
second flock on a new file descriptor of the same process would block on itself).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from serving.state_db import make_private_dir

_held: dict[str, tuple[int, int]] = {}  # lock file -> (file descriptor, nesting depth) of this process
WAIT_POLL_SECONDS = 2.0


class RunLockHeld(Exception):
    """Another run holds the installation's run lock."""


def holder_of(lock_file: Path) -> dict:
    """What the holder wrote into the lock file (empty if nothing or unreadable)."""
    try:
        return json.loads(lock_file.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def describe_holder(lock_file: Path) -> str:
    info = holder_of(lock_file)
    if not info:
        return f"another run holds the run lock {lock_file}"
    return (f"another run holds the run lock: pid {info.get('pid')} on {info.get('host')}, delivery "
            f"{info.get('delivery') or '(none yet)'}, since {info.get('since')} UTC ({lock_file})")


def held_here(lock_file: Path) -> bool:
    """Whether this process holds the lock (then the caller is nested inside a run)."""
    return str(lock_file) in _held


def _write_holder(fd: int, delivery: str) -> None:
    info = {"pid": os.getpid(), "host": socket.gethostname(), "delivery": delivery,
            "since": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(info).encode(), 0)


@contextmanager
def run_lock(lock_file: Path, delivery: str = "", wait: bool = False) -> Iterator[None]:
    """Hold the run lock for the block. Refuses at once with ``RunLockHeld`` naming the holder,
    or, with ``wait``, waits until the holder is done."""
    key = str(lock_file)
    if key in _held:
        fd, depth = _held[key]
        if delivery:  # the CLI locks before it knows which delivery comes next: say it now
            _write_holder(fd, delivery)
        _held[key] = (fd, depth + 1)
        try:
            yield
        finally:
            _held[key] = (fd, depth)
        return
    make_private_dir(lock_file.parent)
    # Opened without truncating: the holder's information stays readable until we own the lock.
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    raise RunLockHeld(f"{describe_holder(lock_file)}. This run did not start; wait for "
                                      "that run to finish, or start this one with --wait.") from None
                if not announced:
                    print(f"waiting: {describe_holder(lock_file)}", flush=True)
                    announced = True
                # Polling, not a blocking flock: a blocked flock cannot be interrupted cleanly
                # by Ctrl-C on every platform, and the wait is announced once above.
                time.sleep(WAIT_POLL_SECONDS)
        _write_holder(fd, delivery)
        _held[key] = (fd, 1)
        try:
            yield
        finally:
            del _held[key]
            os.ftruncate(fd, 0)  # no stale holder information once released
    finally:
        os.close(fd)  # closing the descriptor releases the flock
