"""The command line's acts on personal data go to the same audit store as the web page's
(worklist.md, Audit), e.g. `invoice-basis --with-cpr`. Written before the CPR numbers are read;
if the event cannot be written the caller must stop (a `WebStoreError` is raised)."""

from __future__ import annotations

import json
import sys


def record_cli_event(action: str, object_ref: str, reason: str, detail: dict) -> None:
    from serving.reidentification import current_os_user
    from web.subprocess_call import call

    call("web.audit_bridge", {"username": f"cli:{current_os_user()}", "action": action,
                              "object_ref": object_ref, "reason": reason, "detail": detail})


def _main() -> None:
    request = json.load(sys.stdin)
    from web.bootstrap import migrate

    migrate()  # a new installation's store may not exist yet
    from web.audit.models import Action
    from web.audit.services import record

    event = record(Action.CLI_REIDENTIFICATION, username=request["username"], object_ref=request["object_ref"],
                   reason=request["reason"], detail={"action": request["action"], **request["detail"]})
    json.dump({"event_id": event.pk}, sys.stdout)


if __name__ == "__main__":
    _main()
