"""Builders of small CPR extract files for the reader tests (records laid out with
``layout.format_record``, so the tests and the generator share one layout)."""

from __future__ import annotations

from pathlib import Path

from sources.folkeregister.layout import format_record

# Replacement numbers (day + 60): valid, never a real person's number.
PERSON = "6101801234"  # 1 Jan 1980 (digit 7 = 1: 1900s)
SPOUSE = "6202811235"
CHILD = "6503101236"  # 5 Mar 2010? digit 7 = 1 → 1910; still valid
MOTHER = "6304551237"
FATHER = "6405501238"


def start(prod="20261122", prev="20261121") -> str:
    return format_record("000", {"production_date": prod, "previous_production_date": prev})


def end(count: int) -> str:
    return format_record("999", {"declared_count": f"{count:08d}"})


def person(cpr=PERSON, **kw) -> str:
    values = {"cpr": cpr, "current_cpr": cpr, "status_code": "01",
              "status_start_at": "198001010000", "sex": "M", "birth_date": "1980-01-01"}
    values.update(kw)
    return format_record("001", values)


def address(cpr=PERSON, is_002b=False, **kw) -> str:
    values = {"cpr": cpr, "municipality_code": "0851", "road_code": "0042",
              "house_number": "016 ", "floor": "01", "door": "  tv",
              "moved_in_at": "201005011200", "moved_to_municipality_at": "200901010000",
              "previous_municipality_code": "0101",
              "left_previous_municipality_at": "200812310000"}
    values.update(kw)
    return format_record("002", values, is_002b=is_002b)


def history(cpr=PERSON, **kw) -> str:
    values = {"cpr": cpr, "correction_code": " ", "municipality_code": "0851",
              "road_code": "0100", "house_number": "077A", "floor": "st", "door": "  th",
              "moved_in_at": "200001010000", "moved_out_at": "201004300000"}
    values.update(kw)
    return format_record("023", values)


def civil_history(cpr=PERSON, **kw) -> str:
    values = {"cpr": cpr, "correction_code": " ", "civil_status_code": "G",
              "spouse_cpr": SPOUSE, "valid_from_at": "200506040000",
              "valid_to_at": "201001010000"}
    values.update(kw)
    return format_record("029", values)


def extract(records: list[str], *, count: int | None = None, with_start: bool = True,
            with_end: bool = True) -> list[str]:
    """000 + records + 999 with the correct count (or ``count``)."""
    out = [start()] if with_start else []
    out += records
    if with_end:
        out.append(end(len(records) if count is None else count))
    return out


def write(path: Path, records: list[str], mode: str = "lf", *, trim: bool = False) -> Path:
    """Write records as ISO-8859-1: ``lf``/``crlf`` line mode or ``stream`` (no breaks)."""
    if trim:
        records = [r.rstrip() for r in records]
    if mode == "stream":
        text = "".join(records)
    else:
        sep = "\r\n" if mode == "crlf" else "\n"
        text = sep.join(records) + sep
    path.write_bytes(text.encode("iso-8859-1"))
    return path
