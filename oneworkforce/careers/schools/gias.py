"""Reading the Department for Education's *Get Information About Schools* CSV extract.

The extract (for example ``edubasealldata<date>.csv``) has one row per establishment and many
columns; six are read, by their header names, and the rest are ignored:

    URN, EstablishmentName, TypeOfEstablishment (name), PhaseOfEducation (name), Postcode,
    LA (name)

and, when present, ``EstablishmentStatus (name)`` (an establishment that is not open is kept as
closed). The register's files are encoded as Windows-1252; UTF-8 (with or without a byte-order
mark) is read too. The whole file is checked before anything is written, and every fault is
named with its line. Imports nothing from Django.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

REQUIRED = (
    "URN",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "PhaseOfEducation (name)",
    "Postcode",
    "LA (name)",
)
STATUS = "EstablishmentStatus (name)"
# Phases and types that make an establishment a secondary school or a college.
SECONDARY_PHASES = frozenset({"Secondary", "Middle deemed secondary", "All-through", "16 plus"})
COLLEGE_TYPES = ("Further education", "Sixth form centres", "Free schools 16 to 19")
MAX_PROBLEMS = 20
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$")


@dataclass(frozen=True)
class SchoolRow:
    line: int
    urn: int
    name: str
    kind: str
    phase: str
    postcode: str
    local_authority: str
    is_open: bool

    @property
    def in_scope(self) -> bool:
        return self.phase in SECONDARY_PHASES or self.kind.startswith(COLLEGE_TYPES)


class SchoolFileError(ValueError):
    """The file cannot be imported; ``problems`` name each faulty line (at most 20)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _postcode(value: str) -> str | None:
    compact = re.sub(r"\s+", "", value).upper()
    if not compact:
        return ""
    code = f"{compact[:-3]} {compact[-3:]}"
    return code if _POSTCODE.match(code) else None


def read_schools(data: bytes) -> list[SchoolRow]:
    """Every establishment in the file, or :class:`SchoolFileError` naming what is wrong."""
    if b"\x00" in data:
        raise SchoolFileError(["the file is not a CSV text file"])
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise SchoolFileError(["the file is empty"]) from None
    except csv.Error as error:
        raise SchoolFileError([f"line 1: {error}"]) from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise SchoolFileError(
            [
                "line 1: the header has no column "
                + ", ".join(repr(m) for m in missing)
                + " (expected the Get Information About Schools extract's column names)"
            ]
        )
    at = {name: header.index(name) for name in (*REQUIRED, STATUS) if name in header}
    rows: list[SchoolRow] = []
    problems: list[str] = []
    seen: dict[int, int] = {}
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(problems) >= MAX_PROBLEMS:
                break
            row = _row(line, values, at, seen, problems)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        problems.append(f"line {reader.line_num}: {error}")
    if problems:
        raise SchoolFileError(problems)
    if not rows:
        raise SchoolFileError(["the file has a header but no schools"])
    return rows


def _row(
    line: int, values: list[str], at: dict[str, int], seen: dict[int, int], problems: list[str]
) -> SchoolRow | None:
    def cell(name: str) -> str:
        index = at.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    before = len(problems)
    raw_urn = cell("URN")
    urn = int(raw_urn) if raw_urn.isdigit() and len(raw_urn) <= 7 else None
    if urn is None or not 100000 <= urn <= 9999999:
        problems.append(f"line {line}: URN {raw_urn!r} is not a school's unique reference number")
    elif urn in seen:
        problems.append(f"line {line}: URN {urn} repeats line {seen[urn]}")
    else:
        seen[urn] = line
    name = cell("EstablishmentName")
    if not name:
        problems.append(f"line {line}: EstablishmentName is empty")
    local_authority = cell("LA (name)")
    if not local_authority:
        problems.append(f"line {line}: LA (name) is empty")
    postcode = _postcode(cell("Postcode"))
    if postcode is None:
        problems.append(f"line {line}: Postcode {cell('Postcode')!r} is not a UK postcode")
    if len(problems) > before or urn is None:
        return None
    status = cell(STATUS)
    return SchoolRow(
        line=line,
        urn=urn,
        name=name[:200],
        kind=cell("TypeOfEstablishment (name)")[:120],
        phase=cell("PhaseOfEducation (name)")[:60],
        postcode=postcode or "",
        local_authority=local_authority[:100],
        is_open=not status or status.startswith("Open"),
    )
