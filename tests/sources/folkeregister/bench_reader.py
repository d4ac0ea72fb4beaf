"""Throughput of the CPR reader (not a test): ``python -m tests.sources.folkeregister.bench_reader
[persons] [lf|crlf|stream]``. Writes a synthetic extract (~15 records per person) to a temp
folder, reads it once, prints records/s."""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from sources.findings import ReadReport
from sources.folkeregister.layout import format_record
from sources.folkeregister.reader import read_cpr_extract
from tests.sources.folkeregister import cpr_files as c


def cpr(rng: random.Random) -> str:
    return f"{rng.randint(61, 88):02d}{rng.randint(1, 12):02d}{rng.randint(0, 99):02d}" \
           f"{rng.randint(0, 3)}{rng.randint(0, 999):03d}"


def ts(rng: random.Random) -> str:
    return f"{rng.randint(1950, 2025)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" \
           f"{rng.choice(['0000', '1200', '0830'])}"


def write_file(path: Path, persons: int, mode: str) -> int:
    rng = random.Random(1)
    filler = format_record("004", {})
    sep = "" if mode == "stream" else ("\r\n" if mode == "crlf" else "\n")
    n = 0
    with open(path, "w", encoding="iso-8859-1", newline="") as f:
        f.write(c.start() + sep)
        for _ in range(persons):
            p = cpr(rng)
            recs = [
                c.person(p, current_cpr=p, status_start_at=ts(rng)),
                c.address(p, moved_in_at=ts(rng), house_number=f"{rng.randint(1, 200):03d} ",
                          road_code=f"{rng.randint(1, 999):04d}"),
                format_record("003", {"cpr": p, "standard_address": "Industrivænget 4,1 tv",
                                      "postal_code": "9000", "postal_district": "Aalborg"}),
                format_record("008", {"cpr": p, "first_names": "Søren Åge",
                                      "last_name": "Ærø"}),
                format_record("012", {"cpr": p, "civil_status_code": "G", "spouse_cpr": cpr(rng),
                                      "valid_from_at": ts(rng)}),
                format_record("014", {"cpr": p, "child_cpr": cpr(rng)}),
                format_record("015", {"cpr": p, "mother_valid_from": "1980-01-01",
                                      "mother_cpr": cpr(rng), "father_valid_from": "1980-01-01",
                                      "father_cpr": cpr(rng)}),
                c.history(p, moved_in_at="199001010000", moved_out_at="200001010000"),
                c.history(p, moved_in_at="200001010000", moved_out_at="201004300000"),
                c.history(p, moved_in_at="201004300000", moved_out_at="201505010000"),
                c.civil_history(p, valid_from_at="199001010000", valid_to_at="200001010000"),
                c.civil_history(p, valid_from_at="200001010000", valid_to_at="201001010000"),
                filler, filler, filler,
            ]
            f.write(sep.join(recs) + sep)
            n += len(recs)
        f.write(c.end(n) + sep)
    return n


def main() -> None:
    persons = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    mode = sys.argv[2] if len(sys.argv) > 2 else "lf"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cpr.txt"
        n = write_file(path, persons, mode)
        report = ReadReport(file=path.name)
        t0, c0 = time.perf_counter(), time.process_time()
        rows = 0
        for table, df in read_cpr_extract(path, report):
            rows += len(df)
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        size = path.stat().st_size / 1e6
    print(f"{mode}: {n} records ({size:.0f} MB) in {secs:.2f} s wall = {n / secs:,.0f} records/s; "
          f"{cpu:.2f} s CPU = {n / cpu:,.0f} records/s per CPU second; "
          f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
          f"{rows} rows yielded; findings {dict(report.counts)}; rejected {report.rows_rejected}")


if __name__ == "__main__":
    main()
