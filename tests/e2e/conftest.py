"""The published night that the read-only end-to-end modules share (families, spending): one
generated municipality, one pipeline run, many questions. Modules that rerun or change the
installation (income optimisation, nightly run) keep their own.
Package scope: the environment it sets (the installation's interface) ends with tests/e2e."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from orchestration.runner import run_delivery
from orchestration.settings import Settings
from sources.generator import generate_delivery
from tests.conftest import DELIVERY_DATE, connect_published, make_installation

CITIZENS = 1500
SEED = 7


@dataclass
class PublishedNight:
    settings: Settings
    delivery: Path  # the delivery folder as generated (economy/, cases/, folkeregister/)
    truth: dict  # the generator's ground truth
    con: duckdb.DuckDBPyConnection  # read-only on the analysts' file, the identity file attached as `restricted`


@pytest.fixture(scope="package")
def published_night(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        settings = make_installation(tmp_path_factory.mktemp("night") / "var", monkeypatch)
        golden = generate_delivery(tmp_path_factory.mktemp("planted") / "landing", citizens=CITIZENS,
                                   seed=SEED, delivery_date=DELIVERY_DATE)
        shutil.copytree(golden.folder, settings.landing_dir / DELIVERY_DATE.isoformat())
        assert run_delivery(settings, DELIVERY_DATE.isoformat())
        truth = json.loads(golden.ground_truth_path.read_text(encoding="utf-8"))
        con = connect_published(settings, identities=True)
        try:
            yield PublishedNight(settings, golden.folder, truth, con)
        finally:
            con.close()
