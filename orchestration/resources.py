"""Resources the assets receive by parameter name: the warehouse files, the delivery of this run,
the person-key secret, dbt and the alert channel. Tests pass their own (temporary paths)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource
from dbt.version import __version__ as installed_dbt_version
from packaging import version

from orchestration.defs.publish.publishing import start_analysts_part
from orchestration.settings import analysts_part_of
from serving.state_db import connect_state, make_private_dir, make_private_file


class WarehouseResource(dg.ConfigurableResource):
    """The private working copy this run builds, the two files it publishes (the analysts' file
    and the identity file, each with its history) and the state that outlives the build."""

    build_db: str
    published_db: str
    history_dir: str
    identity_db: str
    identity_history_dir: str
    state_db: str
    run_dir: str
    keep_published: int = 7
    # DuckDB's ceiling, threads and spill folder (settings.duckdb_config); dbt gets them as vars.
    duckdb_memory_limit: str = "2500MB"  # settings.DEFAULT_DUCKDB_MEMORY_LIMIT
    duckdb_threads: int = 2
    duckdb_temp_dir: str = ""  # empty: <build folder>/spill

    @property
    def duckdb_config(self) -> dict[str, str]:
        temp_dir = self.duckdb_temp_dir or str(Path(self.build_db).parent / "spill")
        return {"memory_limit": self.duckdb_memory_limit, "threads": str(self.duckdb_threads),
                "temp_directory": temp_dir}

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        # Short-lived connections: dbt runs in another process and DuckDB allows one writer.
        make_private_dir(Path(self.build_db).parent)
        con = duckdb.connect(self.build_db, read_only=read_only, config=self.duckdb_config)
        try:
            yield con
        finally:
            con.close()
            make_private_file(Path(self.build_db))

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        """A Dagster run (schedule, sensor, UI) holds the run lock, the private umask and passes
        the preflight for its whole duration (run_guard.py); under the CLI, which did all that
        before starting the job in this process, this is a no-op. The in-process executor starts
        resources once per run, so this spans every step."""
        from orchestration.run_guard import guarded_run
        from orchestration.settings import load_settings

        config = (context.run.run_config if context.run else {}) or {}
        delivery_date = config.get("resources", {}).get("delivery", {}).get("config", {}).get("delivery_date", "")
        with guarded_run(load_settings(), delivery_date):
            yield self

    def start_fresh_build(self) -> None:
        """Every run starts from an empty working copy (the last run's, failed or not, stayed for
        diagnosis until now); what must survive lives in the state. Its analysts' part starts
        from the served file's family members and the family years' part stays as it is: dbt
        itself decides, year by year, which rows still hold for this night's inputs
        (macros/family_years_kept.sql)."""
        build_db = Path(self.build_db)
        for suffix in ("", ".wal"):
            build_db.with_name(build_db.name + suffix).unlink(missing_ok=True)
        make_private_dir(build_db.parent)
        start_analysts_part(Path(self.published_db), analysts_part_of(build_db), self.duckdb_config)

    @contextmanager
    def connect_state(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with connect_state(Path(self.state_db)) as con:
            yield con


class DeliveryResource(dg.ConfigurableResource):
    """Which delivery this run processes; set in the run config by the CLI, schedule or sensor."""

    landing_dir: str
    delivery_date: str  # the delivery folder's name, YYYY-MM-DD
    municipality_code: str
    max_rejected_rows: int = 0
    as_of: str = ""  # the run's reference date; empty = the delivery date

    @property
    def folder(self) -> Path:
        return Path(self.landing_dir) / self.delivery_date

    @property
    def as_of_date(self) -> dt.date:
        return dt.date.fromisoformat(self.as_of or self.delivery_date)


# person_key of the column `cpr` in DuckDB, given the parameters $inner and $outer from
# PersonKeyResource.hmac_pads(): HMAC-SHA-256 as hex (RFC 2104).
PERSON_KEY_SQL = "sha256($outer || unhex(sha256($inner || encode(cpr))))"


class PersonKeyResource(dg.ConfigurableResource):
    """The HMAC secret behind ``person_key``: one per installation, never rotated, never in git."""

    secret_file: str

    def secret(self) -> bytes:
        from orchestration.preflight import secret_problem  # the one rule; the preflight checked it first

        path = Path(self.secret_file)
        problem = secret_problem(path)
        if problem:
            raise dg.Failure(problem[0].upper() + problem[1:] + ".")
        return path.read_bytes().strip()

    def hmac_pads(self) -> tuple[bytes, bytes]:
        """The secret as HMAC-SHA-256's inner and outer padded keys (RFC 2104: hashed when longer
        than the 64-byte block, zero-padded, xor 0x36 and 0x5c), so DuckDB computes
        ``person_key = sha256(outer || sha256(inner || cpr))`` for every CPR number in one scan:
        the same hex digest as ``hmac.new(secret, cpr, sha256).hexdigest()``."""
        key = self.secret()
        if len(key) > 64:
            key = hashlib.sha256(key).digest()
        key = key.ljust(64, b"\0")
        return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


class DbtCli(DbtCliResource):
    """dagster-dbt's dbt resource, told the dbt version instead of asking: dbt runs from this very
    environment (``dbt_executable`` beside this Python), so its version is the installed
    dbt-core's. Otherwise every run starts ``dbt --version`` first (2.5 s here; issue #14)."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(installed_dbt_version)
