"""A small served analysts' file and identity file in the published layout (marts.md, worklist.md
§1), written with DuckDB: four flags in two areas, one flag an earlier run raised and the newest
does not, month lines, grants, postings, residence spans and run history."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

AS_OF = "2026-11-22"


@dataclass(frozen=True)
class Served:
    analysts_file: Path
    identity_file: Path
    children_flag: str = "a" * 32  # NOT_STOPPED, children, person P1
    adults_flag: str = "b" * 32  # MISSING_CHARGE, adults, person P2, counterparty 0101
    blue_flag: str = "c" * 32  # PAYMUN_MISMATCH, children, 0 kr.
    old_flag: str = "d" * 32  # raised on 2026-10-22, not by the newest run
    cpr_p1: str = "6101804321"  # erstatningspersonnummer (day + 60)
    cpr_p2: str = "6502901234"
    unknown_person_flag: str = "e" * 32  # children; its person is not in the identity file


def write_served_files(analysts_file: Path, identity_file: Path) -> Served:
    served = Served(analysts_file, identity_file)
    analysts_file.parent.mkdir(parents=True, exist_ok=True)
    identity_file.parent.mkdir(parents=True, exist_ok=True)
    for path in (analysts_file, identity_file):
        path.unlink(missing_ok=True)
    con = duckdb.connect(str(analysts_file))
    try:
        _write_analysts_file(con, served)
    finally:
        con.close()
    con = duckdb.connect(str(identity_file))
    try:
        con.execute("create table person_identity (person_key varchar, cpr varchar, name varchar, "
                    "address varchar, postal_code varchar, postal_district varchar)")
        con.execute("insert into person_identity values ('P1', ?, 'Åse Ørnsø', 'Søvej 1', '2630', 'Taastrup'), "
                    "('P2', ?, 'Bjørn Æbelø', 'Ågade 2', '2630', 'Taastrup')", [served.cpr_p1, served.cpr_p2])
    finally:
        con.close()
    return served


FLAG_COLUMNS = """flag_id varchar, check_code varchar, check_name varchar, variant varchar, area varchar,
    priority varchar, person_key varchar, case_id varchar, grant_id varchar, our_municipality_code varchar,
    registered_municipality_code varchar, counterparty_municipality_code varchar, period_start date,
    period_end date, potential_amount_dkk decimal(18,2), lost_amount_dkk decimal(18,2), evidence varchar,
    first_seen_date date, last_seen_date date, as_of date"""


def _write_analysts_file(con, s: Served) -> None:
    for schema in ("marts", "reference", "ops"):
        con.execute(f"create schema {schema}")
    con.execute("create table reference.income_optimisation_checks as select * from (values "
                "('NOT_STOPPED', 'Ikke stoppet i egen betalingsproces'), "
                "('MISSING_CHARGE', 'Manglende opkrævning hos anden kommune'), "
                "('PAYMUN_MISMATCH', 'Betalingskommune ≠ bopælskommune')) t(check_code, name_da)")
    con.execute("create table reference.areas as select * from (values ('children', 'Børn og unge'), "
                "('adults', 'Voksne')) t(area, name_da)")
    con.execute("create table reference.municipalities as select * from (values ('0101', 'København'), "
                "('0851', 'Aalborg')) t(municipality_code, name)")
    con.execute(f"create table marts.income_optimisation_flags ({FLAG_COLUMNS})")
    con.execute(f"""insert into marts.income_optimisation_flags values
        ('{s.children_flag}', 'NOT_STOPPED', 'Ikke stoppet i egen betalingsproces', null, 'children', 'red', 'P1',
         'C1', 'G1', '0851', '0101', null, '2026-01-01', '2026-10-31', 12345.67, 100.00,
         'Bevilling G1 betales fortsat, men personen er fraflyttet 31.12.2025.', '2026-10-22', '{AS_OF}', '{AS_OF}'),
        ('{s.adults_flag}', 'MISSING_CHARGE', 'Manglende opkrævning hos anden kommune', 'a', 'adults', 'red', 'P2',
         'C2', 'G2', '0851', '0851', '0101', '2025-06-01', '2026-10-31', 250000.00, 0.00,
         'Ophold i tilbud; 0101 er betalingskommune.', '{AS_OF}', '{AS_OF}', '{AS_OF}'),
        ('{s.blue_flag}', 'PAYMUN_MISMATCH', 'Betalingskommune ≠ bopælskommune', null, 'children', 'blue', 'P1',
         'C1', 'G1', '0851', '0101', '0101', '2026-01-01', '2026-10-31', 0.00, 0.00,
         'Betalingskommune 0851, bopælskommune 0101.', '{AS_OF}', '{AS_OF}', '{AS_OF}'),
        ('{s.unknown_person_flag}', 'NOT_STOPPED', 'Ikke stoppet i egen betalingsproces', null, 'children', 'red',
         'P9', 'C9', 'G9', '0851', '0101', null, '2026-03-01', '2026-10-31', 5000.00, 0.00,
         'Bevilling G9 betales fortsat.', '{AS_OF}', '{AS_OF}', '{AS_OF}')""")
    con.execute(f"""create table marts.income_optimisation_flags_no_longer_raised as
        select *, date '2026-10-22' as last_raised_as_of from (values
        ('{s.old_flag}', 'NOT_STOPPED', 'Ikke stoppet i egen betalingsproces', null, 'children', 'red', 'P1',
         'C1', 'G7', '0851', '0101', null, date '2025-01-01', date '2025-09-30', 7777.00::decimal(18,2),
         0.00::decimal(18,2), 'Bevilling G7.', date '2026-09-22', date '2026-10-22', date '2026-10-22')) t(
        flag_id, check_code, check_name, variant, area, priority, person_key, case_id, grant_id,
        our_municipality_code, registered_municipality_code, counterparty_municipality_code, period_start,
        period_end, potential_amount_dkk, lost_amount_dkk, evidence, first_seen_date, last_seen_date, as_of)""")
    con.execute(f"""create table marts.income_optimisation_flag_lines as
        select '{s.children_flag}' as flag_id, 'NOT_STOPPED' as check_code, m::date as month,
               case when m < date '2026-03-01' then 'lost' else 'potential' end as "window",
               'G1' as grant_id, 1234.57::decimal(18,2) as expense_dkk, 0::decimal(18,2) as covered_dkk,
               1234.57::decimal(18,2) as amount_dkk
        from range(date '2026-01-01', date '2026-11-01', interval 1 month) t(m)""")
    con.execute("""create table marts.fct_grants as select * from (values
        ('G1', 'C1', 'P1', 'children', 'SEL § 52', 'AFL', 'Anbringelse', 'Tilbud 1', date '2024-01-01', null::date,
         40000.00, 'month', '0851', '0851'),
        ('G2', 'C2', 'P2', 'adults', 'SEL § 107', 'BOT', 'Botilbud', 'Tilbud 2', date '2025-06-01', null::date,
         1500.00, 'day', '0851', '0101')) t(grant_id, case_id, person_key, area, legal_basis, benefit_type_code,
         benefit_type_name, provider_id, start_date, end_date, price, price_unit, acting_municipality_code,
         paying_municipality_code)""")
    con.execute("""create table marts.fct_postings as select * from (values
        ('PO1', date '2026-02-01', 2026, '5.28.21', 'kontrol', '4.0', 40000.00::decimal(18,2), 'P1', 'G1', null,
         'Anbringelse februar'),
        ('PO2', date '2026-03-01', 2026, '5.28.21', 'kontrol', '4.0', 40000.00::decimal(18,2), 'P1', 'G1', null,
         'Anbringelse marts')) t(posting_id, posting_date, fiscal_year, function_code, dranst, art, amount,
         person_key, grant_id, counterparty_municipality_code, posting_text)""")
    con.execute("""create table marts.fct_residence_spans as select * from (values
        ('P1', '0851', date '2010-05-01', date '2025-12-31'), ('P1', '0101', date '2026-01-01', null::date))
        t(person_key, municipality_code, valid_from, valid_to)""")
    con.execute(f"""create table marts.income_optimisation_flag_runs as select * from (values
        ('{s.children_flag}', date '2026-10-22', 11000.00::decimal(18,2), 100.00::decimal(18,2)),
        ('{s.children_flag}', date '{AS_OF}', 12345.67::decimal(18,2), 100.00::decimal(18,2)))
        t(flag_id, as_of, potential_amount_dkk, lost_amount_dkk)""")
    con.execute("create table ops.runs as select 'r1' as run_id, date '2026-11-22' as delivery_date")
