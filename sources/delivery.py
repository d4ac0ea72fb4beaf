"""The landing folder: finding ready deliveries and verifying them against their manifest
(``shared/spec/sources.md``, "The landing folder").

Every problem found here is structural: a delivery that fails verification is quarantined as a
whole. Everything streams (hashing in chunks, rows counted on the bytes where that is exact and
record by record otherwise: ``count_records``), so files of any size verify in bounded memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sources.danish_csv import CsvStructuralError, count_records, detect_encoding
from sources.findings import Finding, Severity
from sources.masking import mask_cprs_in_text

MANIFEST = "manifest.json"
READY = "READY"
FOLKEREGISTER_MODES = ("status", "change")
REQUIRED_KEYS = ("delivery_date", "municipality_code", "folkeregister_mode", "files")
# (description, predicate on the relative path) for the files every delivery must hold.
REQUIRED_FILES: tuple[tuple[str, object], ...] = (
    ("folkeregister/<any name>", lambda p: p.startswith("folkeregister/")),
    ("economy/postings*.csv",
     lambda p: re.fullmatch(r"economy/postings[^/]*\.csv", p) is not None),
    ("economy/budgets.csv", lambda p: p == "economy/budgets.csv"),
    ("cases/grants.csv", lambda p: p == "cases/grants.csv"),
    ("cases/providers.csv", lambda p: p == "cases/providers.csv"),
    ("cases/pupils.csv", lambda p: p == "cases/pupils.csv"),
    ("cases/pensions.csv", lambda p: p == "cases/pensions.csv"),
)
_DATE_NAME = re.compile(r"\d{4}-\d{2}-\d{2}")
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class ManifestFile:
    path: str  # relative to the delivery folder, '/'-separated
    sha256: str
    rows: int | None  # CSV data records (header excluded); None for non-CSV files


@dataclass(frozen=True)
class Delivery:
    folder: Path
    delivery_date: dt.date
    municipality_code: str
    folkeregister_mode: str  # 'status' | 'change'
    files: dict[str, ManifestFile] = field(default_factory=dict)

    def path(self, relative: str) -> Path:
        return self.folder / relative

    def files_under(self, prefix: str) -> list[str]:
        return sorted(p for p in self.files if p.startswith(prefix))

    @property
    def folkeregister_files(self) -> list[str]:
        return self.files_under("folkeregister/")

    @property
    def postings_files(self) -> list[str]:
        return sorted(p for p in self.files
                      if re.fullmatch(r"economy/postings[^/]*\.csv", p))


# The next steps the findings end with: a delivery that fails here is quarantined as a whole,
# so the way out is always a corrected copy, delivered again (with READY written last).
REDELIVER = "correct it and re-deliver the delivery"
RESEND = "ask the sender for a complete copy of the file and re-deliver the delivery"


def _finding(file: str, reason: str, field: str | None = None) -> Finding:
    return Finding(Severity.STRUCTURAL, file, mask_cprs_in_text(reason), field=field)


def parse_delivery_date(folder: Path) -> dt.date | None:
    if not _DATE_NAME.fullmatch(folder.name):
        return None
    try:
        return dt.date.fromisoformat(folder.name)
    except ValueError:
        return None


def find_ready_deliveries(landing: Path) -> list[Path]:
    """Subfolders named ``YYYY-MM-DD`` (a real date) that hold ``READY``, oldest first.
    Anything else (``quarantine/``, half-written folders without READY) is ignored."""
    landing = Path(landing)
    if not landing.is_dir():
        return []
    found = [p for p in landing.iterdir()
             if p.is_dir() and parse_delivery_date(p) is not None and (p / READY).is_file()]
    return sorted(found, key=lambda p: p.name)


def read_manifest(folder: Path) -> tuple[Delivery | None, list[Finding]]:
    """Parse and check ``manifest.json`` only (no file is opened). Usable on a delivery that
    fails verification, e.g. to learn its ``folkeregister_mode`` when quarantining it."""
    folder = Path(folder)
    findings: list[Finding] = []
    date = parse_delivery_date(folder)
    if date is None:
        findings.append(_finding(folder.name, "delivery folder name is not a date YYYY-MM-DD: "
                                              "name the folder after its delivery date"))
    mpath = folder / MANIFEST
    if not mpath.is_file():
        return None, findings + [_finding(MANIFEST, f"manifest.json is missing: the sender "
                                                    f"writes it before {READY}; {REDELIVER}")]
    try:
        with open(mpath, encoding="utf-8") as f:
            manifest = json.load(f)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        # str(e), not repr: the operator needs the position, not the Python exception class
        return None, findings + [_finding(MANIFEST, f"manifest.json does not parse ({e}); "
                                                    f"{REDELIVER}")]
    if not isinstance(manifest, dict):
        return None, findings + [_finding(MANIFEST, f"manifest.json is not a JSON object; "
                                                    f"{REDELIVER}")]
    missing = [k for k in REQUIRED_KEYS if k not in manifest]
    if missing:
        return None, findings + [_finding(MANIFEST, f"manifest.json lacks {', '.join(missing)}; "
                                                    f"{REDELIVER}", field=missing[0])]

    if date is not None and manifest["delivery_date"] != folder.name:
        findings.append(_finding(MANIFEST, f"delivery_date {manifest['delivery_date']!r} differs "
                                           f"from the folder name {folder.name}; {REDELIVER}",
                                 field="delivery_date"))
    code = manifest["municipality_code"]
    if not (isinstance(code, str) and re.fullmatch(r"\d{4}", code)):
        findings.append(_finding(MANIFEST, f"municipality_code {code!r} is not 4 digits; "
                                           f"{REDELIVER}", field="municipality_code"))
    mode = manifest["folkeregister_mode"]
    if mode not in FOLKEREGISTER_MODES:
        findings.append(_finding(MANIFEST, f"folkeregister_mode {mode!r} is not status or "
                                           f"change; {REDELIVER}", field="folkeregister_mode"))

    files: dict[str, ManifestFile] = {}
    listed = manifest["files"]
    if not isinstance(listed, dict):
        findings.append(_finding(MANIFEST, "files is not an object of path -> {sha256, rows}; "
                                           + REDELIVER, field="files"))
        listed = {}
    for rel, meta in listed.items():
        problem = _bad_relative_path(rel)
        if problem:
            findings.append(_finding(rel, f"manifest lists an invalid path: {problem}; "
                                          f"{REDELIVER}", field="files"))
            continue
        if not isinstance(meta, dict):
            findings.append(_finding(rel, "manifest entry is not an object {sha256, rows}; "
                                          + REDELIVER, field="files"))
            continue
        sha = meta.get("sha256")
        if not (isinstance(sha, str) and re.fullmatch(r"[0-9a-fA-F]{64}", sha)):
            findings.append(_finding(rel, f"manifest gives no valid sha256 ({sha!r}); "
                                          f"{REDELIVER}", field="sha256"))
            continue
        rows = meta.get("rows")
        is_csv = rel.lower().endswith(".csv")
        if is_csv and not (isinstance(rows, int) and not isinstance(rows, bool) and rows >= 0):
            findings.append(
                _finding(rel, f"manifest gives no valid rows for a CSV file ({rows!r}); "
                              f"{REDELIVER}", field="rows"))
            continue
        files[rel] = ManifestFile(rel, sha.lower(), rows if is_csv else None)

    if findings:
        return None, findings
    return Delivery(folder, date, code, mode, files), findings


def _bad_relative_path(rel: object) -> str | None:
    if not isinstance(rel, str) or not rel:
        return "not a non-empty string"
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts or "\\" in rel:
        return "must be a relative '/'-separated path inside the delivery"
    if rel in (MANIFEST, READY):
        return f"{rel} itself is not listed"
    return None


def sha256_of(path: Path, chunk: int = HASH_CHUNK) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def _check_file(folder: Path, on_disk: set[str], rel: str, meta: ManifestFile) -> list[Finding]:
    """The findings on one listed file: missing, sha256 or (CSV) row count not as listed."""
    path = folder / rel
    if rel not in on_disk:
        return [_finding(rel, f"file is listed in manifest.json but missing: {RESEND}")]
    actual = sha256_of(path)
    if actual != meta.sha256:
        return [_finding(rel, f"sha256 mismatch: manifest {meta.sha256}, file {actual} (truncated "
                              f"or corrupted transfer): {RESEND}", field="sha256")]
    if meta.rows is not None:
        try:
            n = count_records(path, detect_encoding(path))
        except CsvStructuralError as e:
            return [Finding(Severity.STRUCTURAL, rel, mask_cprs_in_text(e.reason), e.line, e.offset,
                            e.field)]
        if n != meta.rows:
            return [_finding(rel, f"row count mismatch: manifest {meta.rows}, file {n} records "
                                  f"(truncated transfer or wrong manifest): {RESEND}", field="rows")]
    return []


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # missing: _check_file says so
        return 0


def _files_on_disk(folder: Path) -> set[str]:
    out = set()
    for p in folder.rglob("*"):
        if p.is_file():
            rel = p.relative_to(folder).as_posix()
            if rel not in (MANIFEST, READY):
                out.add(rel)
    return out


def verify_delivery(folder: Path) -> tuple[Delivery | None, list[Finding]]:
    """Check a delivery against its manifest. Returns ``(delivery, [])`` when it is complete
    and intact, else ``(None, structural findings)``, each naming the file.

    Checks: manifest parses and has the required keys; every listed file exists, its sha256
    matches and (CSV) its record count equals ``rows``; no file is present but unlisted; the
    required files are there.
    """
    folder = Path(folder)
    delivery, findings = read_manifest(folder)
    if delivery is None:
        return None, findings
    on_disk = _files_on_disk(folder)
    for rel in sorted(on_disk - delivery.files.keys()):
        findings.append(_finding(rel, "file is present but not listed in manifest.json: list "
                                      "it (sha256, rows) or leave it out, and re-deliver the "
                                      "delivery"))
    # Files are checked side by side, the largest first: hashing releases the GIL, so the CPR
    # extract's hash runs beside the CSV files' counts. Findings keep the files' order.
    listed = sorted(delivery.files.items())
    largest_first = sorted(listed, key=lambda item: -_size(folder / item[0]))
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        checks = {rel: pool.submit(_check_file, folder, on_disk, rel, meta)
                  for rel, meta in largest_first}
        for rel, _ in listed:
            findings.extend(checks[rel].result())
    present = on_disk & delivery.files.keys()
    for description, wanted in REQUIRED_FILES:
        if not any(wanted(p) for p in present):
            findings.append(_finding(description, f"required file {description} is missing: "
                                                  f"add it to the delivery and manifest.json and "
                                                  f"re-deliver"))
    if findings:
        return None, findings
    return delivery, findings
