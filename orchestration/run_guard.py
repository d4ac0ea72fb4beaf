"""What every run does before it reads anything and after it ends, in one place for both ways a
run starts (the CLI in ``runner.run_delivery``, a Dagster run in ``WarehouseResource``):

1. take the installation's run lock (``run_lock.py``), or refuse naming the holder;
2. a 077 umask for the whole run: DuckDB and the dbt subprocess (which inherits it) create the
   working copy, its WAL and its temp files with the umask, and the working copy holds every
   CPR number — so they are born 0600 in 0700 folders, never 0644 even for a moment;
3. the preflight (``preflight.py``): every setting checked, every problem listed at once;
4. finish or undo a publish a crash interrupted (``defs/publish/journal.py``);
and at the end, whatever happened, the private build folder is swept back to 0700/0600 (a file
copied in from elsewhere, or made by a tool that sets its own mode).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from orchestration.preflight import check_run
from orchestration.run_lock import held_here, run_lock
from orchestration.settings import Settings

log = logging.getLogger("kommunelager.run")
PRIVATE_UMASK = 0o077


def secure_private_tree(folder: Path) -> None:
    """0700 for ``folder`` and every folder in it, 0600 for every file."""
    if not folder.is_dir():
        return
    os.chmod(folder, 0o700)
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o700)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o600)


@contextmanager
def guarded_run(settings: Settings, delivery_date: str, wait: bool = False) -> Iterator[None]:
    """Hold the lock and the private umask for a run of ``delivery_date``, after its preflight
    and recovery. Nested inside a run of this process (the CLI around its in-process job), it
    does nothing more: the outer run did it all."""
    if held_here(settings.run_lock_file):
        yield
        return
    from orchestration.defs.publish.journal import recover_publish

    with run_lock(settings.run_lock_file, delivery_date, wait=wait):
        previous_umask = os.umask(PRIVATE_UMASK)
        try:
            check_run(settings, delivery_date)
            recovered = recover_publish(settings.state_db)
            if recovered:
                log.warning("%s", recovered)
                print(recovered, flush=True)
            yield
        finally:
            os.umask(previous_umask)
            secure_private_tree(settings.build_dir)
