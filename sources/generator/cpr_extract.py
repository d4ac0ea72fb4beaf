"""The folkeregister delivery file: a start record, every person's records, the block of address
texts (003) and an end record with the record count."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from .cpr_records import (
    cpr_timestamp, format_address_text, format_child, format_civil_status, format_current_address,
    format_end, format_former_address, format_former_civil_status, format_name, format_parents,
    format_person, format_start, iso_date,
)
from .person import Person
from .places import ADMINISTRATIVE_CODES
from .writers import HashingWriter

# The 003 records come as one block at the end of the file; they are collected on disk.
ADDRESS_TEXTS_IN_MEMORY = 20_000


class CprExtract:
    def __init__(self, path: Path, our_municipality: str):
        self.our_municipality = our_municipality
        self._out = HashingWriter(path, "iso-8859-1")
        self._address_texts_file = tempfile.TemporaryFile()
        self._address_texts: list[str] = []
        self.records = 0  # person records so far (what the end record declares)
        self.persons = 0
        self.residents = 0

    @property
    def total_records(self) -> int:
        """Lines in the finished file: the person records plus start and end record."""
        return self.records + 2

    def write_start(self, delivery_date: dt.date) -> None:
        production = delivery_date.strftime("%Y%m%d")
        previous = (delivery_date - dt.timedelta(days=1)).strftime("%Y%m%d")
        self._out.write(format_start(production, previous) + "\n")

    def write_person(self, p: Person) -> None:
        cpr = p.cpr
        lines = [format_person(cpr, cpr, p.status, cpr_timestamp(p.status_date), p.sex,
                               iso_date(p.birth))]
        current = p.spans[-1] if p.spans and p.spans[-1].moved_out is None and p.status < "30" \
            else None
        if current is not None:
            address = current.address
            # 002 also tells since when the person has lived in the municipality (moves within
            # it do not count) and which municipality they came from
            in_municipality_since = current.moved_in
            previous_municipality, left_previous = "", None
            for span in reversed(p.spans[:-1]):
                if span.municipality == address.municipality and span.moved_out == in_municipality_since:
                    in_municipality_since = span.moved_in
                else:
                    previous_municipality, left_previous = span.municipality, in_municipality_since
                    break
            lines.append(format_current_address(
                cpr, address.municipality, address.road_code, address.house_number, address.floor,
                address.door, cpr_timestamp(current.moved_in), cpr_timestamp(in_municipality_since),
                previous_municipality, cpr_timestamp(left_previous)))
            if address.municipality not in ADMINISTRATIVE_CODES:
                self._address_texts.append(format_address_text(
                    cpr, address.text, address.postal_code, address.postal_district) + "\n")
                self.records += 1
                if len(self._address_texts) > ADDRESS_TEXTS_IN_MEMORY:
                    self._spill_address_texts()
        lines.append(format_name(cpr, p.first_names, p.last_name))
        lines.append(format_civil_status(cpr, p.civil_status, p.spouse_cpr,
                                         cpr_timestamp(p.civil_status_since)))
        for child in p.children:
            lines.append(format_child(cpr, child))
        if p.mother is not None or p.father is not None:
            birth = iso_date(p.birth)
            lines.append(format_parents(cpr, birth if p.mother else "", p.mother.cpr if p.mother else "",
                                        birth if p.father else "", p.father.cpr if p.father else ""))
        for span in p.spans:
            if span.moved_out is not None:
                a = span.address
                lines.append(format_former_address(cpr, "", a.municipality, a.road_code,
                                                   a.house_number, a.floor, a.door,
                                                   cpr_timestamp(span.moved_in),
                                                   cpr_timestamp(span.moved_out)))
        for status, spouse, since, until in p.civil_history:
            lines.append(format_former_civil_status(cpr, "", status, spouse, cpr_timestamp(since),
                                                    cpr_timestamp(until)))
        self.records += len(lines)
        lines.append("")
        self._out.write("\n".join(lines))
        self.persons += 1
        if p.is_resident_of(self.our_municipality):
            self.residents += 1

    def _spill_address_texts(self) -> None:
        self._address_texts_file.write("".join(self._address_texts).encode("iso-8859-1"))
        self._address_texts = []

    def close(self) -> str:
        """Append the 003 block and the end record; returns the file's sha256."""
        self._spill_address_texts()
        self._address_texts_file.seek(0)
        self._out.flush()
        while True:
            chunk = self._address_texts_file.read(1 << 22)
            if not chunk:
                break
            self._out.write_bytes(chunk)
        self._address_texts_file.close()
        self._out.write(format_end(f"{self.records:08d}") + "\n")
        return self._out.close()
