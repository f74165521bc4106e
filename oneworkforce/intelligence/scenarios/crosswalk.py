"""The partnership's crosswalk of care and primary-care job roles to NHS England's staff groups
(``crosswalk.csv`` beside this module, each row with its source), read and checked whole: a
problem names the file line and column, and a file with any problem gives no crosswalk.

A scenario built from the partners' figures carries the rows whose role some partner reports
(the names are matched without regard to case or spacing), so the engine counts those cells as
the staff group too (see ``projection/crosswalk.py`` and docs/projection.md)."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..statistics.nhs_files import FileError, _Errors, csv_records, decode_text

FILE = Path(__file__).with_name("crosswalk.csv")
HEADER = ("job_role", "staff_group", "annual_rate", "source")
# NHS England's staff groups (NHS Workforce Statistics, level 1), as its files spell them.
NHS_STAFF_GROUPS = (
    "Ambulance staff",
    "Central functions",
    "HCHS Doctors (exc. Resident doctors and equivalents)",
    "Hotel, property & estates",
    "Managers",
    "Midwives",
    "Nurses & health visitors",
    "Scientific, therapeutic & technical staff",
    "Senior managers",
    "Support to ST&T staff",
    "Support to ambulance staff",
    "Support to doctors, nurses & midwives",
)


@dataclass(frozen=True)
class Row:
    job_role: str
    staff_group: str
    annual_rate: float
    source: str
    line: int


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def read(data: bytes, name: str) -> list[Row]:
    """The rows of a crosswalk file, or :class:`FileError` naming each bad line and column."""
    errors = _Errors(name)
    records = csv_records(decode_text(name, data), errors)
    first = next(records, None)
    header = tuple(v.strip().lower() for v in first[1]) if first else ()
    if header != HEADER:
        errors.add(f"line 1: the columns must be {', '.join(HEADER)}")
        errors.raise_if_any()
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for line, values in records:
        if len(values) != len(HEADER):
            errors.add(f"line {line}: has {len(values)} values, but the header has {len(HEADER)}")
            continue
        role, group, rate_text, source = (" ".join(v.split()) for v in values)
        if not role:
            errors.add(f"line {line}, column job_role: is empty")
        elif _key(role) in seen:
            errors.add(f"line {line}, column job_role: repeats line {seen[_key(role)]} ({role!r})")
        seen.setdefault(_key(role), line)
        if group not in NHS_STAFF_GROUPS:
            errors.add(
                f"line {line}, column staff_group: {group!r} is not one of NHS England's staff"
                f" groups ({'; '.join(NHS_STAFF_GROUPS)})"
            )
        rate = 0.0
        if rate_text:
            try:
                rate = float(rate_text)
            except ValueError:
                rate = math.nan
            if not 0 <= rate < 1:  # (NaN fails too)
                errors.add(
                    f"line {line}, column annual_rate: {rate_text!r} is not a fraction from 0 to"
                    " below 1 (0.03 for 3 % a year), or blank"
                )
        if not source:
            errors.add(f"line {line}, column source: is empty (name where the mapping comes from)")
        rows.append(Row(role, group, rate, source, line))
    errors.raise_if_any()
    return rows


@functools.cache
def shipped() -> tuple[Row, ...]:
    """The crosswalk shipped with the app (read once)."""
    return tuple(read(FILE.read_bytes(), FILE.name))


def for_cells(cells: Sequence[dict[str, Any]], rows: Sequence[Row] | None = None) -> list[dict]:
    """The ``[[crosswalk]]`` items for the job roles these cells hold, spelled as the cells
    spell them (a role a cell's own staff group already is, is left out)."""
    by_key = {_key(row.job_role): row for row in (shipped() if rows is None else rows)}
    items = []
    for role in sorted({c["staff_group"] for c in cells}):
        row = by_key.get(_key(role))
        if row is None or row.staff_group == role:
            continue
        item: dict[str, Any] = {"job_role": role, "staff_group": row.staff_group}
        if row.annual_rate:
            item["annual_rate"] = row.annual_rate
        item["source"] = f"{row.source} (the app's crosswalk, line {row.line})"
        items.append(item)
    return items


__all__ = ["FILE", "NHS_STAFF_GROUPS", "FileError", "Row", "for_cells", "read", "shipped"]
