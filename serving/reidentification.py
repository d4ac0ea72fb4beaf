"""The re-identifications of the command line (worklist.md, Audit): every act that puts CPR numbers
next to pseudonymous data — today the restricted invoice-basis export — is written to the web
page's append-only audit store (who, when, what, why, how many persons) before any CPR number is
read, so controllers' reveals in the page and the CLI's exports are audited in one place. Texts
are masked (`DDMMYY-XXXX`) in case a CPR number was typed into a reason, filter or file name."""

from __future__ import annotations

import json
import os

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


def log_reidentification(*, purpose: str, action: str, n_persons: int, n_lines: int, filter: dict,
                         target: str) -> None:
    """Write one audit event; raises `ReidentificationLogError` (masked) if it cannot."""
    from web.audit_bridge import record_cli_event
    from web.subprocess_call import WebStoreError

    try:
        record_cli_event(action, object_ref=mask_cprs_in_text(target), reason=mask_cprs_in_text(purpose),
                         detail={"n_persons": n_persons, "n_lines": n_lines,
                                 "filter": json.loads(mask_cprs_in_text(json.dumps(filter, ensure_ascii=False)))})
    except (WebStoreError, OSError) as error:
        raise ReidentificationLogError(
            f"could not write the audit event ({mask_cprs_in_text(str(error))}); nothing was exported") from None
