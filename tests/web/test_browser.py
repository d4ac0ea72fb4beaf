"""The controller's path in a real browser (worklist.md §3): Debian's Chromium driven by
Playwright against `kommunelager web` serving a real installation after a real nightly run.

Log in as controller → filter → open a flag → month lines → reveal the CPR number with a reason →
record `opkrævet` with an amount → export → log out; the next night's run → the decision is still
on the flag and in `marts.income_optimisation_decisions`; then as analyst: no reveal button, and
the reveal URL answers 403."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from orchestration.runner import run_delivery
from sources.generator import generate_delivery
from tests.conftest import DELIVERY_DATE, make_installation

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
PASSWORDS = {"kirsten": "kontrollens-kode-2026", "anders": "analytikerens-kode-2026"}
NEXT_NIGHT = "2026-11-23"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args: str, stdin: str = "") -> None:
    done = subprocess.run([sys.executable, "-m", "orchestration.cli", *args], input=stdin, text=True,
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    """A real installation after one published night, with a controller and an analyst."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        settings = make_installation(tmp_path_factory.mktemp("browser") / "var", monkeypatch)
        monkeypatch.delenv("KOMMUNELAGER_DATABASE_URL", raising=False)  # this installation's SQLite
        golden = generate_delivery(tmp_path_factory.mktemp("planted") / "landing", citizens=1500, seed=7,
                                   delivery_date=DELIVERY_DATE)
        shutil.copytree(golden.folder, settings.landing_dir / DELIVERY_DATE.isoformat())
        assert run_delivery(settings, DELIVERY_DATE.isoformat())
        _cli("users", "add", "kirsten", "--role", "controller", "--password-stdin", stdin=PASSWORDS["kirsten"])
        _cli("users", "add", "anders", "--role", "analyst", "--password-stdin", stdin=PASSWORDS["anders"])
        yield settings, golden


@pytest.fixture(scope="module")
def server(night, tmp_path_factory):
    """`kommunelager web` on a free port; yields its URL and the file its log goes to."""
    settings, _ = night
    port = _free_port()
    log_path = tmp_path_factory.mktemp("server") / "web.log"
    log = log_path.open("w")
    process = subprocess.Popen([sys.executable, "-m", "orchestration.cli", "web", "--port", str(port)],
                               env={**os.environ, "KOMMUNELAGER_VAR_DIR": str(settings.var_dir)},
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/log-ind/", timeout=1)
                break
            except OSError:
                assert process.poll() is None, log_path.read_text()
                time.sleep(0.25)
        yield url, log_path
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # gunicorn's arbiter and its workers
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "the browser test needs Debian's chromium package (/usr/bin/chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


def _log_in(page, url, username):
    page.goto(url + "/log-ind/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORDS[username])
    page.click("form button[type=submit]")
    page.wait_for_url(url + "/")


def _identity(settings, person_key) -> str:
    con = duckdb.connect(str(settings.identity_db), read_only=True)
    try:
        return con.execute("select cpr from person_identity where person_key = ?", [person_key]).fetchone()[0]
    finally:
        con.close()


def _today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/Copenhagen")).date()


def _published(settings, sql, params=()):
    con = duckdb.connect(str(settings.published_db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_the_controllers_path_survives_the_next_night(browser, night, server, tmp_path):  # no Chromium: fail first
    settings, golden = night
    server, server_log = server
    [(check, flag_id, person_key)] = _published(settings, """
        select check_code, flag_id, person_key from marts.income_optimisation_flags
        where person_key is not null and check_code = 'NOT_STOPPED'
        order by potential_amount_dkk desc, flag_id limit 1""")
    cpr = _identity(settings, person_key)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    titles, urls = [], []
    page.on("framenavigated", lambda frame: urls.append(frame.url))

    _log_in(page, server, "kirsten")
    page.select_option("#id_check", check)
    page.click("#filters button[type=submit]")
    [(n_check,)] = _published(settings, "select count(*) from marts.income_optimisation_flags "
                                        "where check_code = ?", [check])
    assert page.locator("table.flags tbody tr").count() == min(n_check, 50)  # the first page
    page.click(f"a[href='/flag/{flag_id}/']")
    titles.append(page.title())
    assert page.locator("#lines table tbody tr").count() > 1
    assert page.locator("#lines svg rect").count() > 1

    page.fill("#id_reason", "Stop af betaling og tilbagebetaling")
    page.click("#reveal button")
    titles.append(page.title())
    assert f"{cpr[:6]}-{cpr[6:]}" in page.locator("#identity").inner_text()

    page.select_option("#id_status", "opkrævet")
    page.fill("#id_recovered_amount_dkk", "1.234,56")
    decided_on = {_today()}
    page.click("#decision button")
    decided_on.add(_today())
    titles.append(page.title())
    assert "er gemt" in page.locator(".messages").inner_text()
    assert cpr[6:] not in page.content()  # the reveal was for that one view

    page.goto(f"{server}/?check={check}")
    with page.expect_download() as download:
        page.click("#export")
    workbook_path = tmp_path / "arbejdsliste.xlsx"
    download.value.save_as(workbook_path)
    from openpyxl import load_workbook

    book = load_workbook(workbook_path)
    exported = [row for sheet in book.worksheets[1:-1]  # the check sheets, between Overblik and Måneder
                for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] != "I alt"]
    assert book.sheetnames[-1] == "Måneder"
    assert {row[0] for row in exported} == {check} and len(exported) == n_check
    assert flag_id in {row[-1] for row in exported}
    page.click("form.logout button")
    page.wait_for_url(server + "/log-ind/")

    # The next night: the same facts delivered a day later.
    folder = settings.landing_dir / NEXT_NIGHT
    shutil.copytree(golden.folder, folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["delivery_date"] = NEXT_NIGHT
    (folder / "manifest.json").write_text(json.dumps(manifest))
    assert run_delivery(settings, NEXT_NIGHT)
    [(status, recovered, decided_date)] = _published(
        settings, "select status, recovered_amount_dkk, decided_date from marts.income_optimisation_decisions "
                  "where flag_id = ?", [flag_id])
    assert (status, recovered) == ("opkrævet", Decimal("1234.56")) and decided_date in decided_on

    _log_in(page, server, "kirsten")
    page.goto(f"{server}/flag/{flag_id}/")
    titles.append(page.title())
    decisions = page.locator("ol.decisions").inner_text()
    assert "Opkrævet" in decisions and "1.234,56 kr." in decisions
    page.click("form.logout button")

    # The analyst: no reveal button, and the reveal URL answers 403.
    _log_in(page, server, "anders")
    page.goto(f"{server}/flag/{flag_id}/")
    assert page.locator("#reveal").count() == 0 and page.locator("#decision").count() == 0
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(f"{server}/flag/{flag_id}/vis-cpr/", form={"reason": "Jeg vil gerne se det"},
                                headers={"X-CSRFToken": token, "Referer": f"{server}/flag/{flag_id}/"})
    assert refused.status == 403 and cpr[6:] not in refused.text()
    for text in titles + urls + [server_log.read_text()]:
        assert cpr not in text.replace("-", "") and f"{cpr[:6]}-{cpr[6:]}" not in text
    context.close()
