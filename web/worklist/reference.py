"""Names for codes (checks, areas, municipalities) from the analysts' file's reference schema,
read once per published file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from serving.flag_export import ExportReference
from web.worklist.warehouse import NoWarehouse, analysts_file, file_identity, has_table, warehouse

AREA_FALLBACK = {"school": "Skole", "children": "Børn og unge", "elderly": "Ældre", "adults": "Voksne",
                 "employment": "Beskæftigelse", "pension": "Pension", "disability": "Handicap"}


@dataclass(frozen=True)
class Reference(ExportReference):
    """The exports' names for codes, with Danish area names even before `reference.areas` exists."""

    def area_name(self, code):
        return self.areas.get(code, AREA_FALLBACK.get(code, code or ""))


@lru_cache(maxsize=4)
def _load(identity: tuple[int, int]) -> Reference:
    with warehouse() as con:
        checks = dict(con.execute("select check_code, name_da from wh.reference.income_optimisation_checks "
                                  "order by check_code").fetchall())
        if has_table(con, "reference", "areas"):
            areas = dict(con.execute("select area, name_da from wh.reference.areas order by name_da").fetchall())
        else:
            used = con.execute("select distinct area from wh.marts.income_optimisation_flags "
                               "where area is not null order by 1").fetchall()
            areas = {a: AREA_FALLBACK.get(a, a) for (a,) in used}
        municipalities = dict(con.execute("select municipality_code, name from wh.reference.municipalities")
                              .fetchall())
    return Reference(checks, areas, municipalities)


def reference() -> Reference:
    try:
        return _load(file_identity(analysts_file()))
    except (NoWarehouse, FileNotFoundError):
        return Reference()


def area_choices() -> list[tuple[str, str]]:
    return sorted(reference().areas.items(), key=lambda item: item[1])
