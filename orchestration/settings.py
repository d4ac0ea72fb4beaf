"""Every path and knob of an installation, read from the environment when asked (not at import).

Defaults give the embedded demo: everything under ``<repo>/var``. `.env.example` lists each
variable. Code reads ``os.environ`` here only, and never writes it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
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

    @property
    def warehouse_dir(self) -> Path:
        return self.var_dir / "warehouse"

    @property
    def build_db(self) -> Path:
        """The working copy the pipeline writes; dbt's profiles.yml derives the same path."""
        return self.warehouse_dir / "building.duckdb"

    @property
    def published_db(self) -> Path:
        """The file analysts and the web page read; replaced only by an atomic rename."""
        return self.warehouse_dir / "kommunelager.duckdb"

    @property
    def history_dir(self) -> Path:
        return self.warehouse_dir / "history"

    @property
    def state_db(self) -> Path:
        """What must outlive every rebuild: run log, applied CPR extracts, the CPR register."""
        return self.var_dir / "state" / "state.duckdb"

    @property
    def quarantine_dir(self) -> Path:
        return self.landing_dir / "quarantine"

    @property
    def run_dir(self) -> Path:
        """Scratch for the run in progress (findings to quarantine with)."""
        return self.var_dir / "run"


def _path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


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
    )
