"""Every path and knob of an installation, read from the environment when asked (not at import).

Defaults give the embedded demo: everything under ``<repo>/var``. `.env.example` lists each
variable. Code reads ``os.environ`` here only, and never writes it.

One rule for paths: they are resolved here, once, to absolute paths (a relative value is taken
against the current directory). Everything else — dbt's profile included, through
``KOMMUNELAGER_BUILD_DB`` set by the dbt resource — receives these absolute paths and never
resolves a relative one itself.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
# DuckDB's memory ceiling unless KOMMUNELAGER_DUCKDB_MEMORY_LIMIT says otherwise: a 1M-citizen
# night stays within 4 GiB at 2500MB with 2.9M and with 20M postings (DuckDB spills past it; at
# 3GB the 20M night's own process peaked at 4.1 GiB; docs/benchmarks.md), so an 8 GiB municipal
# server runs it; a bigger machine may give more and save some spilling.
DEFAULT_DUCKDB_MEMORY_LIMIT = "2500MB"
DBT_PROJECT_DIR = REPO_DIR / "dbt_project"


@dataclass(frozen=True)
class Settings:
    var_dir: Path
    landing_dir: Path
    municipality_code: str
    max_rejected_rows: int
    keep_published: int
    dagster_home: Path
    person_key_secret_file: Path
    alert_webhook_url: str | None
    alert_smtp_host: str | None
    alert_email_to: str | None
    # --- alert e-mail over SMTP (KOMMUNELAGER_ALERT_SMTP_*) -------------------------------------
    alert_smtp_tls: str = "starttls"  # "starttls" (submission, 587), "ssl" (implicit TLS, 465) or "none"
    alert_smtp_port: int = 587
    alert_smtp_user: str | None = None  # log in when set
    alert_smtp_password_file: Path | None = None  # readable only by the service (0600), like the person key
    alert_email_from: str = "kommunelager@localhost"
    # --- end of the SMTP block ---------------------------------------------------------------------
    database_url: str | None = None
    web_host: str = "127.0.0.1"
    web_port: int = 8000
    web_path_prefix: str = ""
    # --- DuckDB's resources for the nightly build (dbt and the readers' connections) -------------
    # A ceiling, not a reservation: past it DuckDB spills to `duckdb_temp_dir` where its operators
    # can (docs/benchmarks.md). Threads default to the machine's cores.
    duckdb_memory_limit: str = DEFAULT_DUCKDB_MEMORY_LIMIT
    duckdb_threads: int = 2

    @property
    def build_dir(self) -> Path:
        """Private (0700): the working copy and a failed build, kept for diagnosis, never served."""
        return self.var_dir / "build"

    @property
    def build_db(self) -> Path:
        """The working copy the pipeline writes; the dbt resource hands this path to dbt."""
        return self.build_dir / "building.duckdb"

    @property
    def analysts_build_db(self) -> Path:
        """The analysts' part of the working copy: dbt builds the published schemas here."""
        return analysts_part_of(self.build_db)

    @property
    def family_years_build_db(self) -> Path:
        """The family compositions of each fiscal year, kept from night to night (private)."""
        return family_years_part_of(self.build_db)

    @property
    def warehouse_dir(self) -> Path:
        return self.var_dir / "warehouse"

    @property
    def published_db(self) -> Path:
        """The analysts' file (marts, reference, ops only); replaced only by an atomic rename."""
        return self.warehouse_dir / "kommunelager.duckdb"

    @property
    def history_dir(self) -> Path:
        return self.warehouse_dir / "history"

    @property
    def restricted_dir(self) -> Path:
        """Private (0700): the identity file and its history."""
        return self.var_dir / "restricted"

    @property
    def identity_db(self) -> Path:
        """person_key → CPR number, name and address (0600), published just before the analysts' file."""
        return self.restricted_dir / "identity.duckdb"

    @property
    def identity_history_dir(self) -> Path:
        return self.restricted_dir / "history"

    @property
    def state_dir(self) -> Path:
        return self.var_dir / "state"

    @property
    def state_db(self) -> Path:
        """What must outlive every rebuild: run log, applied CPR extracts, the CPR register, flags."""
        return self.state_dir / "state.duckdb"

    @property
    def web_db(self) -> Path:
        """The web page's own SQLite database, used when ``database_url`` is empty."""
        return self.state_dir / "web.sqlite3"

    @property
    def secrets_dir(self) -> Path:
        return self.var_dir / "secrets"

    @property
    def web_secret_key_file(self) -> Path:
        """Django's secret key (0600), created once like the person-key secret."""
        return self.secrets_dir / "web_secret_key"

    @property
    def quarantine_dir(self) -> Path:
        return self.landing_dir / "quarantine"

    @property
    def run_dir(self) -> Path:
        """Scratch for the run in progress (findings to quarantine with)."""
        return self.var_dir / "run"

    @property
    def duckdb_temp_dir(self) -> Path:
        """Where DuckDB spills what does not fit in `duckdb_memory_limit`: inside the private build
        folder (the spilled pages are raw CPR data), emptied with it."""
        return self.build_dir / "spill"

    @property
    def duckdb_config(self) -> dict[str, str]:
        """The DuckDB settings every heavy connection of a run opens with (dbt's profile included)."""
        return {"memory_limit": self.duckdb_memory_limit, "threads": str(self.duckdb_threads),
                "temp_directory": str(self.duckdb_temp_dir)}

    # --- reliability (run lock, preflight): kept together ---
    @property
    def run_lock_file(self) -> Path:
        """The installation's run lock (orchestration/run_lock.py), in the private state folder."""
        return self.state_dir / "run.lock"

    @property
    def writable_dirs(self) -> tuple[Path, ...]:
        """Every folder a run writes into; the preflight checks each before anything is read."""
        return (self.build_dir, self.run_dir, self.state_dir, self.warehouse_dir, self.history_dir,
                self.restricted_dir, self.identity_history_dir, self.dagster_home)


def _path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


SMTP_TLS_MODES = {"starttls": 587, "ssl": 465, "none": 25}  # mode -> its usual port


def _smtp_settings() -> dict:
    """The SMTP block of the settings: TLS mode, port (the mode's usual one unless set), login user,
    the file with the password (never the password itself) and the sender address."""
    tls = (os.environ.get("KOMMUNELAGER_ALERT_SMTP_TLS") or "starttls").strip().lower()
    if tls not in SMTP_TLS_MODES:
        raise ValueError(f"KOMMUNELAGER_ALERT_SMTP_TLS must be one of {', '.join(SMTP_TLS_MODES)}, not {tls!r}")
    password_file = os.environ.get("KOMMUNELAGER_ALERT_SMTP_PASSWORD_FILE")
    return {
        "alert_smtp_tls": tls,
        "alert_smtp_port": int(os.environ.get("KOMMUNELAGER_ALERT_SMTP_PORT") or SMTP_TLS_MODES[tls]),
        "alert_smtp_user": os.environ.get("KOMMUNELAGER_ALERT_SMTP_USER") or None,
        "alert_smtp_password_file": Path(password_file).expanduser().resolve() if password_file else None,
        "alert_email_from": os.environ.get("KOMMUNELAGER_ALERT_EMAIL_FROM") or "kommunelager@localhost",
    }


_MEMORY_LIMIT = re.compile(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


def _duckdb_memory_limit() -> str:
    value = (os.environ.get("KOMMUNELAGER_DUCKDB_MEMORY_LIMIT") or DEFAULT_DUCKDB_MEMORY_LIMIT).strip()
    if not _MEMORY_LIMIT.fullmatch(value):
        raise ValueError(f"KOMMUNELAGER_DUCKDB_MEMORY_LIMIT must be a size such as 3GB or 2500MB, not {value!r}")
    return value


def load_settings() -> Settings:
    var_dir = _path("KOMMUNELAGER_VAR_DIR", REPO_DIR / "var")
    return Settings(
        var_dir=var_dir,
        landing_dir=_path("KOMMUNELAGER_LANDING_DIR", var_dir / "landing"),
        municipality_code=os.environ.get("KOMMUNELAGER_MUNICIPALITY_CODE", "0851"),
        max_rejected_rows=int(os.environ.get("KOMMUNELAGER_MAX_REJECTED_ROWS", "0")),
        keep_published=int(os.environ.get("KOMMUNELAGER_KEEP_PUBLISHED", "7")),
        dagster_home=_path("DAGSTER_HOME", var_dir / "dagster_home"),
        person_key_secret_file=_path(
            "KOMMUNELAGER_PERSON_KEY_SECRET_FILE", var_dir / "secrets" / "person_key.secret"
        ),
        alert_webhook_url=os.environ.get("KOMMUNELAGER_ALERT_WEBHOOK_URL") or None,
        alert_smtp_host=os.environ.get("KOMMUNELAGER_ALERT_SMTP_HOST") or None,
        alert_email_to=os.environ.get("KOMMUNELAGER_ALERT_EMAIL_TO") or None,
        **_smtp_settings(),
        database_url=os.environ.get("KOMMUNELAGER_DATABASE_URL") or None,
        web_host=os.environ.get("KOMMUNELAGER_WEB_HOST") or "127.0.0.1",
        web_port=int(os.environ.get("KOMMUNELAGER_WEB_PORT") or "8000"),
        web_path_prefix=os.environ.get("KOMMUNELAGER_WEB_PATH_PREFIX", "").strip(),
        duckdb_memory_limit=_duckdb_memory_limit(),
        duckdb_threads=int(os.environ.get("KOMMUNELAGER_DUCKDB_THREADS") or os.cpu_count() or 2),
    )


def analysts_part_of(build_db: Path) -> Path:
    """Where dbt builds the served schemas (marts, reference, ops) of the working copy
    ``build_db``: a file of their own beside it, ``<build>.analysts.duckdb``, attached to dbt's
    connection as ``analysts`` (profiles.yml derives the same name from the var ``build_db``).
    Publishing adds the pipeline's own ops tables and moves this file into place, so the served
    file is never copied table by table (issue #14); it holds nothing the build holds privately."""
    return build_db.with_name(build_db.name.removesuffix(".duckdb") + ".analysts.duckdb")


def family_years_part_of(build_db: Path) -> Path:
    """Where dbt keeps the family compositions of each fiscal year between nights:
    ``<build>.family_years.duckdb`` beside the working copy, attached to dbt's connection as
    ``family_years`` (profiles.yml derives the same name). Unlike the working copy it is not
    started afresh each night: a closed year whose inputs did not change keeps its rows
    (macros/family_years_kept.sql, docs/decisions.md). It holds CPR numbers: private like the build."""
    return build_db.with_name(build_db.name.removesuffix(".duckdb") + ".family_years.duckdb")
