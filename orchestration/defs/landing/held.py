"""Why a change delivery is held, and which delivery the operator must re-deliver.

``operations.md``: after a quarantined ``change`` delivery, later change deliveries are held
(the run fails loudly, saying which one is missing) until it is re-delivered or a ``status``
delivery replaces the register. Production dates alone (record 000) tell the operator nothing
they can act on; what they handle are delivery folders. So the message names the delivery:
one in quarantine, one waiting in the landing folder, or none found (it never arrived), and
says where a corrected copy goes.

Pure reading: the state database (read-only), the landing folder and its quarantine. Nothing
here moves a delivery.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from sources.delivery import MANIFEST, READY, find_ready_deliveries, parse_delivery_date

QUARANTINE = "quarantine"  # settings.quarantine_dir is <landing>/quarantine
STATUS_INSTEAD = ('or deliver a status extract (manifest folkeregister_mode "status"), which '
                  "replaces the whole register")


@dataclass(frozen=True)
class Applied:
    """One CPR extract applied to the register: its production date and the delivery it came in."""

    production_date: str
    delivery_date: str


def applied_extracts(state_db: Path) -> list[Applied]:
    """The register's applied extracts, oldest first (empty when there is no register yet)."""
    if not Path(state_db).exists():
        return []
    con = duckdb.connect(str(state_db), read_only=True)
    try:
        if not con.execute("select count(*) from information_schema.tables where table_schema = "
                           "'register' and table_name = 'applied_extracts'").fetchone()[0]:
            return []
        rows = con.execute("select production_date::varchar, delivery_date::varchar "
                           "from register.applied_extracts order by production_date").fetchall()
    finally:
        con.close()
    return [Applied(p, d) for p, d in rows]


def _mode_of(folder: Path) -> str:
    try:
        mode = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["folkeregister_mode"]
    except (OSError, ValueError, KeyError, TypeError):
        return "mode unknown"
    return str(mode)


def quarantined_between(landing: Path, after: str, before: str) -> list[tuple[str, Path, str]]:
    """(delivery date, quarantine folder, folkeregister mode) of the quarantined deliveries
    dated after ``after`` and before ``before`` (``YYYY-MM-DD``), oldest first. A delivery
    quarantined twice appears once per copy (``<date>-2``)."""
    qdir = Path(landing) / QUARANTINE
    if not qdir.is_dir():
        return []
    found = []
    for folder in sorted(qdir.iterdir()):
        date = parse_delivery_date(folder.with_name(folder.name[:10]))
        if folder.is_dir() and date is not None and after < date.isoformat() < before:
            found.append((date.isoformat(), folder, _mode_of(folder)))
    return found


def waiting_between(landing: Path, after: str, before: str) -> list[str]:
    return [p.name for p in find_ready_deliveries(Path(landing)) if after < p.name < before]


def _redeliver(landing: Path, date: str) -> str:
    return (f"put a corrected copy in {Path(landing) / date}/ (files, {MANIFEST}, and last an "
            f"empty {READY} file) and run it (kommunelager run --delivery {date})")


def held_change_message(delivery_folder: Path, state_db: Path, production: str | None,
                        previous: str | None, earlier_here: str | None = None) -> str:
    """The failure message of change delivery ``delivery_folder`` whose extract (``production``,
    continuing ``previous``; ``YYYY-MM-DD`` or None) does not continue the register, or, with
    ``earlier_here``, the production date of the delivery's own previous CPR file."""
    folder = Path(delivery_folder)
    landing, date = folder.parent, folder.name
    applied = applied_extracts(state_db)
    held = (f"Change delivery {date} is held, nothing of it is applied or published, and it "
            f"stays in {folder}/")
    if earlier_here is not None:
        # The gap is inside this delivery: no other delivery is to blame.
        return (f"{held}: its CPR change extracts do not follow each other: the one produced "
                f"{production or 'on an unknown date'} continues the extract produced "
                f"{previous or 'on an unknown date'}, but the delivery's previous CPR file was "
                f"produced {earlier_here}. Have the files re-sent as one unbroken chain (or "
                f"leave out the extra one) and re-deliver {date}, {STATUS_INSTEAD}.")
    if not applied:
        return (f"{held}: no CPR register exists yet (no status extract was ever published), so "
                f"a change extract has nothing to apply to. Deliver a status extract first "
                f"(manifest folkeregister_mode \"status\"), then run {date} again "
                f"(kommunelager run --delivery {date}).")
    last = applied[-1]
    ours = f"its CPR change extract (produced {production or 'on an unknown date'})"
    register = (f"the last extract applied to the register was produced {last.production_date} "
                f"(delivery {last.delivery_date})")
    rerun = f"Then run {date} again (kommunelager run --delivery {date})."
    if previous is None:
        return (f"{held}: {ours} has no previous production date (record 000, PRODDTOFORRIG), "
                f"so it cannot be placed after the register; {register}. Have the extract "
                f"re-sent with PRODDTOFORRIG {last.production_date.replace('-', '')} and "
                f"re-deliver {date}, {STATUS_INSTEAD}. {rerun}")
    if previous < last.production_date or any(a.production_date == production for a in applied):
        again = next((a for a in applied if a.production_date == production), None)
        why = (f"it was applied already with delivery {again.delivery_date}" if again else
               "it comes after a later extract and would undo its changes")
        return (f"{held}: {ours} continues the extract produced {previous}, which is older "
                f"than the register: {register}, so {why}. Do not run it again; remove "
                f"{folder}/ from the landing folder, or, if its content is needed, "
                f"{STATUS_INSTEAD.removeprefix('or ')}.")
    # previous is later than the last applied extract: one delivery (at least) is missing
    missing = (f"the delivery whose CPR extract was produced {previous} (and any other produced "
               f"after {last.production_date}) is missing")
    quarantined = quarantined_between(landing, last.delivery_date, date)
    waiting = waiting_between(landing, last.delivery_date, date)
    if quarantined:
        q_date, q_folder, q_mode = quarantined[-1]
        which = (f"delivery {q_date} ({q_mode}) is in quarantine ({q_folder}/errors.json says "
                 f"why): fix it and re-deliver it: {_redeliver(landing, q_date)}")
        if len(quarantined) > 1:
            which += (f"; also quarantined since {last.delivery_date}: "
                      + ", ".join(d for d, _, _ in quarantined[:-1]))
    elif waiting:
        which = (f"delivery {waiting[0]} is waiting in the landing folder and has not been run: "
                 f"run the deliveries in date order (kommunelager run)")
    else:
        which = (f"no delivery dated after {last.delivery_date} is in the landing folder or in "
                 f"quarantine, so it never arrived: ask for it and "
                 f"{_redeliver(landing, '<its date>')}")
    return (f"{held}: {ours} continues the extract produced {previous}, but {register}: "
            f"{missing}. {which[0].upper() + which[1:]}; {STATUS_INSTEAD}. {rerun}")
