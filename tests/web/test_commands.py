"""`kommunelager users ...` and what the nightly run and the command line read or write in the
web page's store, each in its own process against its own installation (as in production)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _installation_env(var: Path) -> dict:
    """A fresh installation with the default store (SQLite in its var dir), whatever the suite's
    database: these tests are about the processes reaching their own installation's store."""
    env = {**os.environ, "KOMMUNELAGER_VAR_DIR": str(var)}
    for key in ("DJANGO_SETTINGS_MODULE", "KOMMUNELAGER_DATABASE_URL"):
        env.pop(key, None)
    return env


def _run(var: Path, *args, stdin: str = "") -> subprocess.CompletedProcess:
    env = _installation_env(var)
    return subprocess.run([sys.executable, "-m", *args], input=stdin, env=env, capture_output=True, text=True,
                          check=False, cwd=Path(__file__).resolve().parents[2])


@pytest.fixture(scope="module")
def var(tmp_path_factory):
    return tmp_path_factory.mktemp("webcli") / "var"


def _audit(var: Path, sql: str) -> list:
    import sqlite3

    con = sqlite3.connect(var / "state" / "web.sqlite3")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_users_add_list_set_areas_deactivate(var):
    added = _run(var, "web", "users", "add", "karen", "--role", "controller", "--areas", "children,adults")
    assert added.returncode == 0 and "password: " in added.stdout
    assert _run(var, "web", "users", "add", "ole", "--role", "analyst", "--password-stdin",
                stdin="en-lang-sikker-kode-99\n").returncode == 0
    assert _run(var, "web", "users", "set-areas", "karen", "children").returncode == 0
    assert _run(var, "web", "users", "deactivate", "ole").returncode == 0
    listed = _run(var, "web", "users", "list").stdout.splitlines()
    assert any(line.split()[:3] == ["karen", "controller", "children"] and "aktiv" in line for line in listed)
    assert any(line.split()[0] == "ole" and line.endswith("deaktiveret") for line in listed)
    refused = _run(var, "web", "users", "add", "karen", "--role", "admin")
    assert refused.returncode == 2 and "findes allerede" in refused.stderr
    changes = _audit(var, "select username, object_ref from audit_auditevent where action = 'user_change'")
    assert len(changes) == 4 and all(user.startswith("cli:") for user, _ in changes)
    assert stat_mode(var / "state" / "web.sqlite3") & 0o077 == 0


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_the_nightly_run_reads_the_newest_decision_per_flag(var):
    """`current_decisions()` (what each run copies into the build) in this installation's store."""
    _run(var, "web", "users", "add", "kirsten", "--role", "controller", "--password-stdin",
         stdin="en-lang-sikker-kode-99\n")
    script = ("from web.bootstrap import setup_django; setup_django();"
              "from django.contrib.auth import get_user_model; from web.worklist.models import Decision;"
              "u = get_user_model().objects.get(username='kirsten');"
              "Decision.objects.create(flag_id='f1', status='under behandling', decided_by=u);"
              "Decision.objects.create(flag_id='f1', status='opkrævet', recovered_amount_dkk='10.50', decided_by=u);"
              "Decision.objects.create(flag_id='f2', status='afvist - forældet', comment='x', decided_by=u)")
    done = subprocess.run([sys.executable, "-c", script], env=_installation_env(var),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    read = _run(var, "web.decision_export")
    assert read.returncode == 0, read.stderr
    decisions = sorted(json.loads(read.stdout)["decisions"])
    assert [(d[0], d[1], d[2]) for d in decisions] == [("f1", "opkrævet", "10.50"), ("f2", "afvist - forældet", None)]


def test_a_new_installation_has_no_decisions(tmp_path):
    read = _run(tmp_path / "var", "web.decision_export")
    assert read.returncode == 0 and json.loads(read.stdout) == {"decisions": []}


def test_the_command_lines_reidentifications_go_to_the_audit_store(var):
    done = _run(var, "web.audit_bridge", stdin=json.dumps({
        "username": "cli:root", "action": "invoice_basis_export_with_cpr", "object_ref": "invoice_basis.csv",
        "reason": "Fakturering af 0101 for 2026-Q3", "detail": {"n_persons": 3}}))
    assert done.returncode == 0, done.stderr
    rows = _audit(var, "select action, username, reason, detail from audit_auditevent "
                       "where action = 'cli_reidentification'")
    assert rows[-1][:3] == ("cli_reidentification", "cli:root", "Fakturering af 0101 for 2026-Q3")
    assert json.loads(rows[-1][3])["n_persons"] == 3
