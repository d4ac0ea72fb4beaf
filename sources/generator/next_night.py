"""The next night's delivery after a generated one (the bench's second night, issue #14).

A real next night: a CPR ``change`` extract with the full record set of about 0.5 % of the persons
(most of the residents among them moved within their municipality, one in ten died), its start
record continuing the previous extract (PRODDTOFORRIG = the previous PRODDTO), and the economy and
case files as complete snapshots: the previous ones with one new month of postings appended (the
advance payments of the month after the previous delivery's, booked on the new delivery date).

    from sources.generator.next_night import write_next_night
    write_next_night(landing / "2026-11-22")            # -> landing / "2026-11-23"

The persons are chosen by a hash of their CPR number, so the same delivery gives the same night.
Streams the previous files: memory holds only the changed persons' records."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import shutil
import zlib
from pathlib import Path

from sources.folkeregister.layout import FIELDS, RECORD_LENGTHS, format_record

from .dates import month_end, month_index, month_label, month_start
from .writers import contract_columns, format_date, quote_csv

CHANGED_SHARE = 0.005
DEATH_EVERY = 10  # of the changed persons, every tenth dies (the rest of the residents move)
_FIELD = {(t, f.name): f for t, fields in FIELDS.items() for f in fields}


def write_next_night(previous: Path, *, delivery_date: dt.date | None = None,
                     changed_share: float = CHANGED_SHARE) -> Path:
    """Write the delivery of the night after ``previous`` (a delivery folder) beside it; returns
    its folder (manifest and READY written last)."""
    previous = Path(previous)
    old_manifest = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))
    day = delivery_date or dt.date.fromisoformat(old_manifest["delivery_date"]) + dt.timedelta(days=1)
    folder = previous.parent / day.isoformat()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    files = dict(old_manifest["files"])
    postings_name = f"economy/postings_{day.year}.csv"
    for name in files:
        if not name.startswith("folkeregister/") and name != postings_name:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(previous / name, folder / name)
    for name in [n for n in files if n.startswith("folkeregister/")]:
        files[name] = {"sha256": _write_change_extract(previous / name, folder / name, day, changed_share)}
    added = _append_month(previous, folder, postings_name, day, files)
    files[postings_name] = {"sha256": _sha256(folder / postings_name),
                            "rows": files.get(postings_name, {}).get("rows", 0) + added}
    manifest = {**old_manifest, "delivery_date": day.isoformat(), "folkeregister_mode": "change",
                "files": dict(sorted(files.items()))}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (folder / "READY").write_bytes(b"")
    return folder


# --- CPR: the changed persons' full record sets ------------------------------------------------

def _put(record: str, record_type: str, name: str, value: str) -> str:
    field = _FIELD[(record_type, name)]
    return record[:field.start - 1] + f"{value:<{field.length}.{field.length}}" + record[field.start - 1 + field.length:]


def _cut(record: str, record_type: str, name: str) -> str:
    return _FIELD[(record_type, name)].cut(record)


def _write_change_extract(source: Path, target: Path, day: dt.date, share: float) -> str:
    threshold = int(share * 100_000)
    persons: dict[str, list[str]] = {}  # cpr -> its records, in file order
    previous_production = ""
    with open(source, encoding="iso-8859-1", newline="") as lines:
        for line in lines:
            kind = line[:3]
            if kind == "000":
                previous_production = _cut(line.rstrip("\r\n").ljust(RECORD_LENGTHS["000"]), "000", "production_date")
            elif kind != "999" and zlib.crc32(line[3:13].encode("ascii")) % 100_000 < threshold:
                persons.setdefault(line[3:13], []).append(line.rstrip("\r\n").ljust(RECORD_LENGTHS.get(kind, 0)))
    stamp = f"{day - dt.timedelta(days=1):%Y%m%d}0000"  # moved or died the day before the extract
    body, texts = [], []
    for i, (cpr, records) in enumerate(persons.items()):
        changed = _die(records, stamp) if i % DEATH_EVERY == DEATH_EVERY - 1 else _move(records, stamp)
        body.extend(r for r in changed if r[:3] != "003")
        texts.extend(r for r in changed if r[:3] == "003")  # the 003 block at the end, as CPR does
    out = [format_record("000", {"production_date": f"{day:%Y%m%d}",
                                 "previous_production_date": previous_production}),
           *body, *texts, format_record("999", {"declared_count": f"{len(body) + len(texts):08d}"})]
    data = ("\n".join(out) + "\n").encode("iso-8859-1")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def _former(current: str, moved_out: str) -> str:
    """A 023 (former address) record for the address of a 002 record."""
    values = {name: _cut(current, "002", name) for name in
              ("municipality_code", "road_code", "house_number", "floor", "door", "moved_in_at")}
    return format_record("023", {"cpr": current[3:13], **{k: v.rstrip() if k == "moved_in_at" else v
                                                          for k, v in values.items()},
                                 "moved_out_at": moved_out})


def _move(records: list[str], stamp: str) -> list[str]:
    """A move within the municipality, same road, another house number (no floor or door)."""
    current = next((r for r in records if r[:3] == "002"), None)
    if current is None or _cut(next(r for r in records if r[:3] == "001"), "001", "status_code") >= "30":
        return records  # sent again unchanged (a change outside what the warehouse reads)
    old_number = int(re.sub(r"\D", "", _cut(current, "002", "house_number")) or 1)
    number = 500 + (old_number * 7 + 3) % 400
    moved = _put(_put(_put(_put(current, "002", "house_number", f"{number:03d} "), "002", "floor", ""),
                      "002", "door", ""), "002", "moved_in_at", stamp)
    out = []
    for r in records:
        if r is current:
            out.append(moved)
        elif r[:3] == "003":
            road = re.match(r"(.+?) \d", _cut(r, "003", "standard_address").strip())
            out.append(_put(r, "003", "standard_address", f"{road.group(1) if road else 'Vej'} {number}"))
        else:
            out.append(r)
    out.append(_former(current, stamp))
    return out


def _die(records: list[str], stamp: str) -> list[str]:
    """Dead (status 90) since ``stamp``: the current address becomes a former one."""
    out = []
    for r in records:
        kind = r[:3]
        if kind == "001":
            out.append(_put(_put(r, "001", "status_code", "90"), "001", "status_start_at", stamp))
        elif kind == "002":
            out.append(_former(r, stamp))
        elif kind != "003":
            out.append(r)
    return out


# --- economy: one new month of postings --------------------------------------------------------

def _append_month(previous: Path, folder: Path, name: str, day: dt.date, files: dict) -> int:
    """Copy ``name`` and append the next month's advance payments: each posting of the previous
    delivery's month (service period that whole month, booked by its delivery date) again for the
    month after, booked on ``day``; a grant's only while the grant runs through that month."""
    old_day = dt.date.fromisoformat(previous.name)
    month = month_index(old_day)
    old_start, old_end = format_date(month_start(month)), format_date(month_end(month))
    new_start, new_end = month_start(month + 1), month_end(month + 1)
    running = _grants_running_through(previous / "cases" / "grants.csv", new_end)
    next_id = sum(f.get("rows", 0) for n, f in files.items() if n.startswith("economy/postings")) + 1
    source = previous / name
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.exists():
        shutil.copyfile(source, target)
    else:
        target.write_text(";".join(contract_columns("economy", "postings")) + "\n", encoding="utf-8")
    columns = contract_columns("economy", "postings")
    added = []
    if source.exists():
        with open(source, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter=";"):
                if row["service_period_start"] != old_start or row["service_period_end"] != old_end \
                        or _date(row["posting_date"]) > old_day or row["art"].startswith("7") \
                        or (row["case_ref"] and row["case_ref"] not in running):
                    continue
                row.update(posting_id=f"{next_id + len(added):010d}", posting_date=format_date(day),
                           fiscal_year=str(day.year), service_period_start=format_date(new_start),
                           service_period_end=format_date(new_end),
                           text=row["text"].replace(month_label(month), month_label(month + 1)))
                added.append(";".join(quote_csv(row[c]) if c == "text" else row[c] for c in columns) + "\n")
    with open(target, "a", encoding="utf-8", newline="") as out:
        out.writelines(added)
    return len(added)


def _grants_running_through(path: Path, last_day: dt.date) -> set[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return {row["grant_id"] for row in csv.DictReader(f, delimiter=";")
                if not row["end_date"] or _date(row["end_date"]) >= last_day}


def _date(text: str) -> dt.date:
    return dt.date(int(text[6:10]), int(text[3:5]), int(text[0:2]))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()
