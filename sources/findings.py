"""What a reader found wrong with a file, and how bad it is (``shared/spec/sources.md``).

- ``structural``: the file cannot be trusted (checksum, encoding, header, truncation, framing);
  the whole delivery is quarantined.
- ``row``: one record is rejected (bad date, invalid CPR, unknown code, end before start); it
  goes to ``ops.rejected_records`` and counts against ``max_rejected_rows``.
- ``warning``: reported, nothing rejected (999 count differs, a line cut to its record length).
- ``info``: reported for the record only (a CPR number without modulus 11).

Messages never carry an unmasked CPR number: callers pass values through ``mask_cpr``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from enum import Enum

from sources.masking import mask_cprs_in_text


class Severity(str, Enum):
    STRUCTURAL = "structural"
    ROW = "row"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    file: str
    reason: str
    line: int | None = None  # 1-based line (CSV: first line of the record; CPR line mode)
    offset: int | None = None  # byte offset of the record (CPR stream mode)
    field: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.offset is not None:
            where += f", byte offset {self.offset}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.reason}"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d


# A file full of bad rows must not exhaust memory: keep the first findings, count the rest.
MAX_KEPT_FINDINGS = 10_000


@dataclass
class ReadReport:
    """Everything one reader learned about one file."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # findings per severity, all of them
    rows_read: int = 0  # records read (CSV data rows; CPR records excluding 000/999)
    rows_rejected: int = 0  # distinct rows rejected
    skipped: Counter = field(default_factory=Counter)  # e.g. unknown CPR record types
    encoding: str | None = None

    def add(self, severity: Severity, reason: str, *, line: int | None = None,
            offset: int | None = None, field: str | None = None) -> None:
        self.counts[severity] += 1
        if len(self.findings) < MAX_KEPT_FINDINGS:
            self.findings.append(
                Finding(severity, self.file, mask_cprs_in_text(reason), line, offset, field)
            )

    def structural(self, reason: str, **where) -> None:
        self.add(Severity.STRUCTURAL, reason, **where)

    def row_error(self, reason: str, **where) -> None:
        self.add(Severity.ROW, reason, **where)

    def warning(self, reason: str, **where) -> None:
        self.add(Severity.WARNING, reason, **where)

    def info(self, reason: str, **where) -> None:
        self.add(Severity.INFO, reason, **where)

    @property
    def has_structural_errors(self) -> bool:
        return self.counts[Severity.STRUCTURAL] > 0

    def of(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity is severity]
