"""The CPR extract layout: record lengths and the fields the warehouse uses.

Positions are 1-based as in CPR-kontoret's documentation (``shared/spec/sources.md``).
This module is the single place that knows them; the reader and the synthetic
generator both use it, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

RECORD_LENGTHS: dict[str, int] = {
    "000": 35, "001": 106, "002": 306, "003": 249, "004": 37, "005": 200, "006": 203,
    "007": 26, "008": 193, "009": 37, "010": 30, "011": 25, "012": 95, "013": 36,
    "014": 23, "015": 147, "016": 58, "017": 272, "018": 60, "019": 75, "020": 47,
    "021": 63, "022": 45, "023": 96, "024": 218, "025": 40, "026": 173, "027": 44,
    "028": 36, "029": 109, "030": 48, "031": 269, "032": 269, "033": 269, "050": 29,
    "052": 287, "099": 45, "910": 157, "997": 43, "999": 21,
}
RECORD_002B_LENGTH = 382

START_RECORD = "000"
END_RECORD = "999"


@dataclass(frozen=True)
class Field:
    name: str
    start: int  # 1-based, as documented
    length: int

    def cut(self, record: str) -> str:
        return record[self.start - 1 : self.start - 1 + self.length]


# Field names are the warehouse's (snake_case English); CPR's own name is in the comment.
FIELDS: dict[str, tuple[Field, ...]] = {
    "000": (
        Field("production_date", 20, 8),  # PRODDTO yyyyMMdd
        Field("previous_production_date", 28, 8),  # PRODDTOFORRIG
    ),
    "001": (
        Field("cpr", 4, 10),
        Field("current_cpr", 14, 10),  # PNRGAELD
        Field("status_code", 24, 2),  # STATUS
        Field("status_start_at", 26, 12),  # STATUSHAENSTART
        Field("status_start_uncertain", 38, 1),  # STATUSDTO_UMRK
        Field("sex", 39, 1),  # KOEN
        Field("birth_date", 40, 10),  # FOED_DT yyyy-MM-dd
        Field("birth_date_uncertain", 50, 1),  # FOED_DT_UMRK
    ),
    "002": (
        Field("cpr", 4, 10),
        Field("municipality_code", 14, 4),  # KOMKOD
        Field("road_code", 18, 4),  # VEJKOD
        Field("house_number", 22, 4),  # HUSNR
        Field("floor", 26, 2),  # ETAGE
        Field("door", 28, 4),  # SIDEDOER
        Field("moved_in_at", 70, 12),  # TILFLYDTO
        Field("moved_in_uncertain", 82, 1),  # TILFLYDTO_UMRK
        Field("moved_to_municipality_at", 83, 12),  # TILFLYKOMDTO
        Field("moved_to_municipality_uncertain", 95, 1),
        Field("previous_municipality_code", 96, 4),  # FRAFLYKOMKOD
        Field("left_previous_municipality_at", 100, 12),  # FRAFLYKOMDTO
    ),
    "003": (
        Field("cpr", 4, 10),
        Field("standard_address", 116, 34),  # STANDARDADR
        Field("postal_code", 184, 4),  # POSTNR
        Field("postal_district", 188, 20),  # POSTDISTTXT
    ),
    "008": (
        Field("cpr", 4, 10),
        Field("first_names", 14, 50),  # FORNVN
        Field("last_name", 106, 40),  # EFTERNVN
    ),
    "012": (
        Field("cpr", 4, 10),
        Field("civil_status_code", 14, 1),  # CIVST
        Field("spouse_cpr", 15, 10),  # AEGTEPNR
        Field("valid_from_at", 71, 12),  # HAENSTART-CIVILSTAND
        Field("valid_from_uncertain", 83, 1),
    ),
    "014": (
        Field("cpr", 4, 10),
        Field("child_cpr", 14, 10),
    ),
    "015": (
        Field("cpr", 4, 10),
        Field("mother_valid_from", 14, 10),  # MOR_DT
        Field("mother_cpr", 25, 10),  # PNRMOR
        Field("father_valid_from", 81, 10),  # FAR_DT
        Field("father_cpr", 92, 10),  # PNRFAR
    ),
    "023": (
        Field("cpr", 4, 10),
        Field("correction_code", 14, 1),  # ANNKOR: blank, A annulled, K corrected, Æ technical
        Field("municipality_code", 15, 4),
        Field("road_code", 19, 4),
        Field("house_number", 23, 4),
        Field("floor", 27, 2),
        Field("door", 29, 4),
        Field("moved_in_at", 71, 12),  # TILFLYDTO
        Field("moved_in_uncertain", 83, 1),
        Field("moved_out_at", 84, 12),  # FRAFLYDTO
        Field("moved_out_uncertain", 96, 1),
    ),
    "029": (
        Field("cpr", 4, 10),
        Field("correction_code", 14, 1),  # ANNKOR
        Field("civil_status_code", 15, 1),  # CIVST
        Field("spouse_cpr", 16, 10),  # AEGTEPNR
        Field("valid_from_at", 72, 12),  # HAENSTART
        Field("valid_from_uncertain", 84, 1),
        Field("valid_to_at", 85, 12),  # HAENSLUT
        Field("valid_to_uncertain", 97, 1),
    ),
    "999": (Field("declared_count", 14, 8),),  # TAELLER: records excluding 000 and 999
}

# Raw table (in source `folkeregister`) that each used record type feeds.
RECORD_TABLES: dict[str, str] = {
    "001": "persons",
    "002": "current_addresses",
    "003": "address_texts",
    "008": "names",
    "012": "civil_status",
    "014": "children",
    "015": "parents",
    "023": "address_history",
    "029": "civil_status_history",
}


def record_length(record_type: str, is_002b: bool = False) -> int | None:
    if record_type == "002" and is_002b:
        return RECORD_002B_LENGTH
    return RECORD_LENGTHS.get(record_type)


def format_record(record_type: str, values: dict[str, str], is_002b: bool = False) -> str:
    """Lay out one record: type at 1-3, each given field at its position, blanks elsewhere.

    Values are written as given (already formatted: dates as yyyyMMddHHmm / yyyy-MM-dd,
    HUSNR as ``016 ``); a value longer than its field is an error, not a silent cut.
    """
    length = record_length(record_type, is_002b)
    if length is None:
        raise ValueError(f"unknown record type {record_type!r}")
    chars = [" "] * length
    chars[0:3] = record_type
    fields = {f.name: f for f in FIELDS.get(record_type, ())}
    for name, value in values.items():
        if name in fields:
            field = fields[name]
            start = field.start
        elif name == "cpr":
            field, start = Field("cpr", 4, 10), 4
        else:
            raise KeyError(f"record {record_type} has no field {name!r}")
        if len(value) > field.length:
            raise ValueError(f"{record_type}.{name}: {value!r} is longer than {field.length}")
        chars[start - 1 : start - 1 + len(value)] = value
    return "".join(chars)
