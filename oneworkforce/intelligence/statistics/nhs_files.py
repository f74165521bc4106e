"""Readers for NHS England's published workforce statistics (pure Python, no Django).

Each reader checks the whole file before anything is written anywhere: the column layout, every
number and every key. Problems are collected (up to ``MAX_ERRORS``) and raised together as a
:class:`FileError` whose messages name the file line (or sheet row) and the column.

Publications read here:

* Turnover benchmarking, staff group and organisation, monthly (CSV): one row per period,
  organisation, staff group and measure (``TYPE``). The rows are pivoted to one record per
  period, organisation and staff group. A measure the file leaves out (NHS England omits rows with
  nothing to report) counts as zero.
* NHS sickness absence rates, monthly (CSV): one row per organisation and month.
* HCHS staff by staff group, nationality and organisation (Excel workbook, sheet ``Data``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from oneworkforce.core import uploads

MAX_ERRORS = 20
ALL_STAFF_GROUPS = "All staff groups"

Progress = Callable[[int], None]
R = TypeVar("R")


class FileError(Exception):
    """The file cannot be imported. ``messages`` name the line (or row) and column of each fault."""

    def __init__(self, name: str, messages: list[str]) -> None:
        self.name = name
        self.messages = messages
        super().__init__(f"{name}: " + "; ".join(messages))


@dataclass(frozen=True)
class ParsedFile(Generic[R]):
    kind: str
    name: str
    sha256: str
    rows: int
    records: list[R] = field(repr=False)

    @property
    def periods(self) -> list[dt.date]:
        return sorted({r.period_start for r in self.records})  # type: ignore[attr-defined]


@dataclass(frozen=True)
class TurnoverRecord:
    period: str
    period_start: dt.date
    period_end: dt.date
    region_code: str
    region_name: str
    ics_code: str
    ics_name: str
    org_code: str
    org_name: str
    cluster_group: str
    benchmark_group: str
    staff_group: str
    hc_start: float = 0.0
    fte_start: float = 0.0
    hc_end: float = 0.0
    fte_end: float = 0.0
    joiners_hc: float = 0.0
    joiners_fte: float = 0.0
    leavers_hc: float = 0.0
    leavers_fte: float = 0.0


@dataclass(frozen=True)
class SicknessRecord:
    period_start: dt.date
    region_code: str
    region_name: str
    ics_code: str
    ics_name: str
    org_code: str
    org_name: str
    org_type: str
    fte_days_lost: float
    fte_days_available: float
    published_rate: float


@dataclass(frozen=True)
class NationalityRecord:
    period_start: dt.date
    org_code: str
    org_name: str
    staff_group: str
    nationality: str
    fte: float


TURNOVER_COLUMNS = (
    "PERIOD",
    "TYPE",
    "NHSE_REGION_CODE",
    "NHSE_REGION_NAME",
    "ICS_CODE",
    "ICS_NAME",
    "REPORTING_ORG_NAME",
    "REPORTING_ORG_CODE",
    "CLUSTER_GROUP",
    "BENCHMARK_GROUP",
    "STAFF_GROUP_1_NAME",
    "HC",
    "FTE",
)
TURNOVER_TYPES = {
    "Denominator at start of period": ("hc_start", "fte_start"),
    "Denominator at end of period": ("hc_end", "fte_end"),
    "Joiners": ("joiners_hc", "joiners_fte"),
    "Leavers": ("leavers_hc", "leavers_fte"),
}
SICKNESS_COLUMNS = (
    "DATE",
    "NHSE_REGION_CODE",
    "NHSE_REGION_NAME",
    "ICS_CODE",
    "ICS_NAME",
    "ORG_CODE",
    "ORG_NAME",
    "ORG_TYPE",
    "FTE_DAYS_LOST",
    "FTE_DAYS_AVAILABLE",
    "SICKNESS_ABSENCE_RATE_PERCENT",
)
NATIONALITY_COLUMNS = (
    "Month",
    "Organisation code",
    "Organisation name",
    "Staff group",
    "Nationality",
    "FTE",
)
NATIONALITY_SHEET = "Data"

_PERIOD = re.compile(r"^(\d{4})(\d{2}) to (\d{4})(\d{2})$")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
        start=1,
    )
}


class _Errors:
    def __init__(self, name: str) -> None:
        self.name = name
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        if len(self.messages) < MAX_ERRORS:
            self.messages.append(message)
        elif len(self.messages) == MAX_ERRORS:
            self.messages.append("more problems not listed; correct these first")

    def raise_if_any(self) -> None:
        if self.messages:
            raise FileError(self.name, self.messages)


def decode_text(name: str, data: bytes, advice: str = "is it a CSV file?") -> str:
    """UTF-8 text (a byte-order mark is dropped), or a :class:`FileError` naming the line: the
    shared upload reader also refuses the NUL character and over-long lines."""
    try:
        return uploads.decode(data, advice=advice)
    except uploads.UploadError as error:
        raise FileError(name, [str(error)]) from None


def csv_records(text: str, errors: _Errors) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on (blank lines skipped). A record that cannot
    be read (an unclosed quote, a field beyond the csv module's size limit) is reported and ends
    the file."""
    try:
        yield from uploads.csv_rows(text)
    except uploads.UploadError as error:
        errors.add(str(error))


def _check_header(header: list[str] | None, expected: tuple[str, ...], errors: _Errors) -> None:
    if header is None:
        errors.add("line 1: the file is empty")
        errors.raise_if_any()
    assert header is not None
    names = [h.strip() for h in header]
    missing = [c for c in expected if c not in names]
    unknown = [h for h in names if h not in expected]
    if missing:
        errors.add(f"line 1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    if unknown:
        errors.add(
            f"line 1: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}"
            " (is this the right kind of file?)"
        )
    if len(set(names)) != len(names):
        errors.add("line 1: a column name appears twice")
    errors.raise_if_any()


def _number(value: str, where: str, errors: _Errors) -> float:
    text = (value or "").strip().replace(",", "")
    try:
        number = float(text)
    except ValueError:
        errors.add(f"{where}: {value!r} is not a number")
        return 0.0
    if number != number or number in (float("inf"), float("-inf")):
        errors.add(f"{where}: {value!r} is not a number")
        return 0.0
    if number < 0:
        errors.add(f"{where}: {value!r} is negative")
        return 0.0
    return number


# The longest text each column may hold (the database's limits).
LIMITS = {
    "NHSE_REGION_CODE": 10,
    "NHSE_REGION_NAME": 120,
    "ICS_CODE": 10,
    "ICS_NAME": 120,
    "REPORTING_ORG_CODE": 10,
    "REPORTING_ORG_NAME": 200,
    "ORG_CODE": 10,
    "ORG_NAME": 200,
    "ORG_TYPE": 60,
    "CLUSTER_GROUP": 60,
    "BENCHMARK_GROUP": 60,
    "STAFF_GROUP_1_NAME": 120,
    "Organisation code": 10,
    "Organisation name": 200,
    "Staff group": 120,
    "Nationality": 80,
}


def _plain(value: str | None, column: str, where: str, errors: _Errors) -> str:
    """The cell's text, stripped; a problem when it is longer than its column holds or has a
    control character (a workbook can hold one a CSV upload cannot)."""
    text = (value or "").strip()
    limit = LIMITS.get(column)
    if limit is not None and len(text) > limit:
        errors.add(f"{where}: is {len(text)} characters long; it may be at most {limit}")
        return text[:limit]
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        errors.add(f"{where}: contains a control character")
    return text


def _text(value: str | None, column: str, where: str, errors: _Errors) -> str:
    text = _plain(value, column, where, errors)
    if not text:
        errors.add(f"{where}: is empty")
    return text


class _Table:
    """A published CSV file read record by record: the header checked against ``columns``,
    each row given as ``(line, {column: value})`` once its width is right, progress reported
    every ``every`` rows. ``finish()`` raises everything found."""

    def __init__(
        self, path: Path, columns: tuple[str, ...], progress: Progress | None, every: int
    ) -> None:
        data = path.read_bytes()
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.errors = _Errors(path.name)
        self._records = csv_records(decode_text(path.name, data), self.errors)
        first = next(self._records, None)
        if first is None and self.errors.messages:  # the first line could not be read
            self.errors.raise_if_any()
        _check_header(first[1] if first else None, columns, self.errors)
        assert first is not None
        self.names = [h.strip() for h in first[1]]
        self.count = 0
        self._progress = progress
        self._every = every

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        width = len(self.names)
        for line, values in self._records:
            self.count += 1
            if self._progress is not None and self.count % self._every == 0:
                self._progress(self._every)
            if len(values) != width:
                self.errors.add(f"line {line}: has {len(values)} values, expected {width}")
                continue
            yield line, dict(zip(self.names, values, strict=True))

    def finish(self) -> None:
        if self.count == 0 and not self.errors.messages:
            self.errors.add("line 2: the file has a header but no figures")
        self.errors.raise_if_any()


def _at(row: dict[str, str], column: str, line: int) -> tuple[str, str, str]:
    return row[column], column, f"line {line}, column {column}"


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def read_turnover(path: str | Path, progress: Progress | None = None) -> ParsedFile[TurnoverRecord]:
    path = Path(path)
    table = _Table(path, TURNOVER_COLUMNS, progress, 500)
    errors = table.errors
    seen: dict[tuple[str, str, str, str], int] = {}
    cells: dict[tuple[str, str, str], dict[str, Any]] = {}
    for line, row in table:
        period = row["PERIOD"].strip()
        match = _PERIOD.match(period)
        if not match:
            errors.add(f"line {line}, column PERIOD: {period!r} is not like '202510 to 202511'")
            continue
        y1, m1, y2, m2 = (int(g) for g in match.groups())
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y2, m2) < (y1, m1):
            errors.add(f"line {line}, column PERIOD: {period!r} is not a valid pair of months")
            continue
        kind = row["TYPE"].strip()
        if kind not in TURNOVER_TYPES:
            errors.add(
                f"line {line}, column TYPE: {kind!r} is not one of "
                + ", ".join(repr(t) for t in TURNOVER_TYPES)
            )
            continue
        org_code = _text(*_at(row, "REPORTING_ORG_CODE", line), errors)
        staff_group = _text(*_at(row, "STAFF_GROUP_1_NAME", line), errors)
        key = (period, org_code, staff_group, kind)
        if key in seen:
            errors.add(
                f"line {line}: repeats line {seen[key]} ({org_code}, {staff_group}, {kind},"
                f" {period})"
            )
            continue
        seen[key] = line
        hc = _number(row["HC"], f"line {line}, column HC", errors)
        fte = _number(row["FTE"], f"line {line}, column FTE", errors)
        cell = cells.setdefault(
            (period, org_code, staff_group),
            {
                "period": period,
                "period_start": _month_start(y1, m1),
                "period_end": _month_start(y2, m2),
                "region_code": _plain(*_at(row, "NHSE_REGION_CODE", line), errors),
                "region_name": _plain(*_at(row, "NHSE_REGION_NAME", line), errors),
                "ics_code": _plain(*_at(row, "ICS_CODE", line), errors),
                "ics_name": _plain(*_at(row, "ICS_NAME", line), errors),
                "org_code": org_code,
                "org_name": _text(*_at(row, "REPORTING_ORG_NAME", line), errors),
                "cluster_group": _plain(*_at(row, "CLUSTER_GROUP", line), errors),
                "benchmark_group": _plain(*_at(row, "BENCHMARK_GROUP", line), errors),
                "staff_group": staff_group,
            },
        )
        hc_name, fte_name = TURNOVER_TYPES[kind]
        cell[hc_name] = hc
        cell[fte_name] = fte
    table.finish()
    records = [TurnoverRecord(**values) for values in cells.values()]
    return ParsedFile("turnover", path.name, table.sha256, table.count, records)


def _sickness_date(value: str, where: str, errors: _Errors) -> dt.date | None:
    text = value.strip()
    for layout in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = dt.datetime.strptime(text, layout).date()
        except ValueError:
            continue
        return day.replace(day=1)
    errors.add(f"{where}: {value!r} is not a date like 30/04/2024")
    return None


def read_sickness(path: str | Path, progress: Progress | None = None) -> ParsedFile[SicknessRecord]:
    path = Path(path)
    table = _Table(path, SICKNESS_COLUMNS, progress, 100)
    errors = table.errors
    seen: dict[tuple[dt.date, str], int] = {}
    records: list[SicknessRecord] = []
    for line, row in table:
        month = _sickness_date(row["DATE"], f"line {line}, column DATE", errors)
        org_code = _text(*_at(row, "ORG_CODE", line), errors)
        lost = _number(row["FTE_DAYS_LOST"], f"line {line}, column FTE_DAYS_LOST", errors)
        available = _number(
            row["FTE_DAYS_AVAILABLE"], f"line {line}, column FTE_DAYS_AVAILABLE", errors
        )
        rate = _number(
            row["SICKNESS_ABSENCE_RATE_PERCENT"],
            f"line {line}, column SICKNESS_ABSENCE_RATE_PERCENT",
            errors,
        )
        if lost > available:
            errors.add(
                f"line {line}, column FTE_DAYS_LOST: more days lost ({lost:g}) than available"
                f" ({available:g})"
            )
        if month is None:
            continue
        key = (month, org_code)
        if key in seen:
            errors.add(f"line {line}: repeats line {seen[key]} ({org_code}, {month:%B %Y})")
            continue
        seen[key] = line
        records.append(
            SicknessRecord(
                period_start=month,
                region_code=_plain(*_at(row, "NHSE_REGION_CODE", line), errors),
                region_name=_plain(*_at(row, "NHSE_REGION_NAME", line), errors),
                ics_code=_plain(*_at(row, "ICS_CODE", line), errors),
                ics_name=_plain(*_at(row, "ICS_NAME", line), errors),
                org_code=org_code,
                org_name=_text(*_at(row, "ORG_NAME", line), errors),
                org_type=_plain(*_at(row, "ORG_TYPE", line), errors),
                fte_days_lost=lost,
                fte_days_available=available,
                published_rate=rate,
            )
        )
    table.finish()
    return ParsedFile("sickness", path.name, table.sha256, table.count, records)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _nationality_month(value: Any, where: str, errors: _Errors) -> dt.date | None:
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    text = str(value or "").strip().upper()
    match = re.match(r"^(\d{4})-([A-Z]{3})$", text)
    if match and match.group(2) in _MONTHS:
        return dt.date(int(match.group(1)), _MONTHS[match.group(2)], 1)
    errors.add(f"{where}: {value!r} is not a month like 2017-SEP")
    return None


def _sheet_rows(path: Path, errors: _Errors) -> Iterable[tuple[Any, ...]]:
    from openpyxl import load_workbook  # openpyxl is only needed for this one publication

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileError(
            path.name, [f"not an Excel workbook ({error.__class__.__name__})"]
        ) from None
    if NATIONALITY_SHEET not in workbook.sheetnames:
        raise FileError(
            path.name,
            [
                f"the workbook has no sheet called {NATIONALITY_SHEET!r} "
                + (
                    f"(its sheets: {', '.join(workbook.sheetnames)})"
                    if workbook.sheetnames
                    else "(it has no sheets)"
                )
            ],
        )
    return _readable(path.name, workbook[NATIONALITY_SHEET].iter_rows(values_only=True))


def _readable(name: str, rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows; a part of the workbook that cannot be read (a damaged or cut file is
    read lazily) is a :class:`FileError` naming the row."""
    number = 1
    try:
        for values in rows:
            yield values
            number += 1
    except Exception as error:  # zip, XML and value errors from a damaged workbook
        raise FileError(
            name,
            [
                f"sheet {NATIONALITY_SHEET}, row {number}: cannot be read, the workbook is "
                f"damaged ({error.__class__.__name__})"
            ],
        ) from None


def read_nationality(
    path: str | Path, progress: Progress | None = None
) -> ParsedFile[NationalityRecord]:
    path = Path(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    errors = _Errors(path.name)
    rows = iter(_sheet_rows(path, errors))
    first = next(rows, None)
    header = [str(v).strip() if v is not None else "" for v in first] if first else None
    while header and header[-1] == "":
        header.pop()
    _check_header(header, NATIONALITY_COLUMNS, errors)
    assert header is not None
    position = {name: header.index(name) for name in NATIONALITY_COLUMNS}
    seen: dict[tuple[dt.date, str, str, str], int] = {}
    records: list[NationalityRecord] = []
    count = 0
    for number, values in enumerate(rows, start=2):
        if values is None or not any(v not in (None, "") for v in values):
            continue
        count += 1
        if progress is not None and count % 1000 == 0:
            progress(1000)

        def where(column: str, row: int = number) -> str:
            return (
                f"sheet {NATIONALITY_SHEET}, row {row}, column {_column_letter(position[column])}"
            )

        def value(column: str, cells: tuple[Any, ...] = values) -> Any:
            index = position[column]
            return cells[index] if index < len(cells) else None

        def cell(
            column: str, read: Callable[[str], Any] = value, at: Callable[[str], str] = where
        ) -> tuple[str, str, str]:
            return _str(read(column)), column, at(column)

        month = _nationality_month(value("Month"), where("Month"), errors)
        org_code = _text(*cell("Organisation code"), errors)
        staff_group = _text(*cell("Staff group"), errors)
        nationality = _text(*cell("Nationality"), errors)
        raw_fte = value("FTE")
        fte = (
            float(raw_fte)
            if isinstance(raw_fte, int | float)
            and not isinstance(raw_fte, bool)
            and 0 <= raw_fte < float("inf")
            else _number(_str(raw_fte), where("FTE"), errors)
        )
        if month is None:
            continue
        key = (month, org_code, staff_group, nationality)
        if key in seen:
            errors.add(f"sheet {NATIONALITY_SHEET}, row {number}: repeats row {seen[key]}")
            continue
        seen[key] = number
        records.append(
            NationalityRecord(
                period_start=month,
                org_code=org_code,
                org_name=_plain(*cell("Organisation name"), errors),
                staff_group=staff_group,
                nationality=nationality,
                fte=fte,
            )
        )
    if count == 0:
        errors.add(f"sheet {NATIONALITY_SHEET}: a header but no figures")
    errors.raise_if_any()
    return ParsedFile("nationality", path.name, sha, count, records)


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


READERS: dict[str, Callable[..., ParsedFile[Any]]] = {
    "turnover": read_turnover,
    "sickness": read_sickness,
    "nationality": read_nationality,
}
