"""Run a function of the web page in a fresh Python process. Django's settings are global to a
process; the nightly run and the command line (and their tests, several installations in one
process) must reach the decision and audit store of *their* installation, as the environment says."""

from __future__ import annotations

import json
import subprocess
import sys


class WebStoreError(RuntimeError):
    """The child process failed; the message is masked and safe to print."""


def call(module: str, payload: dict) -> dict:
    from sources.masking import mask_cprs_in_text

    done = subprocess.run([sys.executable, "-m", module], input=json.dumps(payload, default=str),
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise WebStoreError(mask_cprs_in_text(f"{module} failed: {last}"))
    return json.loads(done.stdout)
