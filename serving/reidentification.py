"""The re-identification log (operations.md, access and personal data): every act that puts CPR
numbers next to pseudonymous data — today the restricted invoice-basis export — is written here
(who, when, what, why, how many persons) before the CPR numbers leave the warehouse.

It lives in the state database (``reidentification_log``, schema in ``serving/state_db.py``)
because that survives every rebuild of the warehouse. Rows are only ever inserted, and never hold a
CPR number: every text is masked (`DDMMYY-XXXX`) in case one was typed into a reason, filter or
file name.

Pending (worklist.md, Audit): the command line's re-identifications belong in the web page's
audit store. When ``web/audit_bridge.py`` lands, ``log_reidentification`` — the single call
site — calls ``record_cli_event(action, object_ref=target, reason=purpose, detail={os_user,
n_persons, n_lines, filter})`` instead of writing the state, and turns its ``RuntimeError`` into
``ReidentificationLogError`` so the export stops."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import duckdb

from serving.state_db import connect_state
from sources.masking import mask_cprs_in_text


class ReidentificationLogError(RuntimeError):
    """The log could not be written, so the re-identification must not happen."""


def current_os_user() -> str:
    """The login of the real user id: unlike $USER it cannot be changed by the caller's environment."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):  # no passwd entry (some containers) or not POSIX
        import getpass

        try:
            return getpass.getuser()
        except OSError:
            return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def log_reidentification(state_db: Path, *, purpose: str, action: str, n_persons: int, n_lines: int,
                         filter: dict, target: str) -> None:
    """Append one row; raises `ReidentificationLogError` (with the cause, masked) if it cannot."""
    row = [dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), mask_cprs_in_text(current_os_user()),
           mask_cprs_in_text(purpose), mask_cprs_in_text(action), n_persons, n_lines,
           mask_cprs_in_text(json.dumps(filter, ensure_ascii=False, sort_keys=True)),
           mask_cprs_in_text(target)]
    try:
        with connect_state(state_db) as con:
            con.execute("insert into reidentification_log values (?, ?, ?, ?, ?, ?, ?, ?)", row)
    except (duckdb.Error, OSError) as error:
        # A nightly run holds the state database while it publishes; the user can simply retry.
        raise ReidentificationLogError(
            f"could not write the re-identification log in {state_db} ({type(error).__name__}: "
            f"{mask_cprs_in_text(str(error))}); nothing was exported, try again when no run is "
            "publishing") from None
