"""Local figures partners hold that no national file has.

Four datasets: partners' monthly workforce returns (vacancies by staff group, applications,
leavers), exit interview reasons, adult social care headcount and turnover, and population
projections for a place. Each is described once, as a :class:`Dataset` of :class:`Column`\\ s;
that description drives the downloadable CSV template, the upload parser, the single-row form
and the guide page, so the four can never disagree.

An upload is read and checked whole before anything is written. Every problem names the file
line and column (``line 4, column vacancies_fte: '12' is more than the establishment FTE
(10.00)``); a file with any problem writes nothing. A clean file replaces the figures held for
the same keys (partner or place, month or year, staff group, role, reason or age band) and adds
the rest, in one transaction, with an :class:`ImportBatch` and an audit event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models

from oneworkforce.partners.models import Organisation, Place

from ..models import (
    DatasetKind,
    ExitInterviewCount,
    ExitReason,
    PopulationProjection,
    SocialCareWorkforce,
    WorkforceReturn,
)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UPLOAD_TEXT = "2 MB"
MAX_ROWS = 10_000
MAX_DECIMAL = Decimal("99999999.99")  # DecimalField(max_digits=10, decimal_places=2)
MAX_WHOLE = 2_147_483_647  # PositiveIntegerField on every supported database
FIRST_YEAR, LAST_YEAR = 1900, 2200


class CellError(ValueError):
    """A value cannot be used. The message is a phrase that follows the value or the field's
    label: ``is not a number``."""


# Cell readers: text in, a value out, or CellError -------------------------------------------

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)
_AGE_RANGE = re.compile(r"(\d{1,3})\s*[-\u2013]\s*(\d{1,3})", re.ASCII)
_AGE_OPEN = re.compile(r"(\d{1,3})\s*\+", re.ASCII)
MAX_AGE = 130


def _in_years(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError(f"is not a year between {FIRST_YEAR} and {LAST_YEAR}")


def read_month(text: str) -> dt.date:
    """``2025-10``, ``2025-10-01`` or ``01/10/2025``: the first day of that month."""
    value = text.strip()
    try:
        if match := _MONTH.fullmatch(value):
            year, month, day = int(match[1]), int(match[2]), 1
        elif match := _ISO_DATE.fullmatch(value):
            year, month, day = int(match[1]), int(match[2]), int(match[3])
        elif match := _UK_DATE.fullmatch(value):
            year, month, day = int(match[3]), int(match[2]), int(match[1])
        else:
            raise ValueError
        dt.date(year, month, day)  # a real date, or ValueError
    except ValueError:
        raise CellError("is not a month like 2025-10") from None
    _in_years(year)
    return dt.date(year, month, 1)


def read_year(text: str) -> int:
    value = text.strip()
    if not _YEAR.fullmatch(value):
        raise CellError("is not a year like 2030")
    _in_years(int(value))
    return int(value)


def _decimal(text: str) -> Decimal:
    value = text.strip().replace(",", "")
    if not _NUMBER.fullmatch(value):
        raise CellError("is not a number")
    number = Decimal(value)
    if number < 0:
        raise CellError("is negative")
    return number


def read_decimal(text: str) -> Decimal:
    """0 or more, rounded to two decimal places."""
    number = _decimal(text).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if number > MAX_DECIMAL:
        raise CellError("is too large")
    return number


def read_whole(text: str) -> int:
    number = _decimal(text)
    if number != number.to_integral_value():
        raise CellError("is not a whole number")
    if number > MAX_WHOLE:
        raise CellError("is too large")
    return int(number)


def read_text(limit: int) -> Callable[[str], str]:
    def read(text: str) -> str:
        value = " ".join(text.split())
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise CellError("contains a control character")
        if len(value) > limit:
            raise CellError(f"is longer than {limit} characters")
        return value

    return read


_REASONS = {
    **{code.lower(): code for code in ExitReason.values},
    **{str(label).lower(): code for code, label in ExitReason.choices},
}


def read_reason(text: str) -> str:
    """A reason's code (``pay``) or its words (``Pay or reward``), in any case."""
    code = _REASONS.get(" ".join(text.split()).lower())
    if code is None:
        raise CellError("is not a reason in the list (use a code or words from the guide)")
    return code


def read_age_band(text: str) -> str:
    """``18-64`` (from 18 to 64 inclusive) or ``85+``."""
    value = text.strip()
    if match := _AGE_RANGE.fullmatch(value):
        low, high = int(match[1]), int(match[2])
        if low > high:
            raise CellError("starts at an age above the age it ends at")
        band = f"{low}-{high}"
    elif match := _AGE_OPEN.fullmatch(value):
        low = high = int(match[1])
        band = f"{low}+"
    else:
        raise CellError("is not an age band like 18-64 or 85+")
    if high > MAX_AGE:
        raise CellError(f"goes beyond age {MAX_AGE}")
    return band


# The four datasets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One CSV column (and one form field) and the model field it fills."""

    name: str
    label: str
    meaning: str
    format: str
    example: str
    read: Callable[[str], Any]
    field: str
    required: bool = True
    default: Any = None
    choices: tuple[tuple[str, str], ...] = ()
    numeric: bool = False
    hint: str = ""  # for the form, when the meaning alone does not show the format
    width: int | None = None  # of the form's text box, in characters

    @property
    def form_hint(self) -> str:
        return self.hint or self.meaning

    @property
    def noun(self) -> str:
        return self.label[0].lower() + self.label[1:]


# Checks across a row's values: (column name, problem) pairs. A form passes only the values that
# were valid on their own, so a check skips what is missing.
Check = Callable[[dict[str, Any]], list[tuple[str, str]]]


def _no_checks(values: dict[str, Any]) -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class Dataset:
    kind: str
    title: str
    summary: str
    model: type[models.Model]
    owner: str  # "organisation" or "place"
    period: str  # the model field of the month or year
    key: tuple[str, ...]  # column names that identify a record (with the owner)
    columns: tuple[Column, ...]
    check: Check = _no_checks

    @property
    def template_name(self) -> str:
        return f"{self.kind}.csv"

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def example(self) -> list[str]:
        return [c.example for c in self.columns]

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]

    @property
    def key_fields(self) -> tuple[str, ...]:
        return tuple(self.column(name).field for name in self.key)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _month_column(meaning: str) -> Column:
    return Column(
        name="month",
        label="Month",
        meaning=meaning,
        format="Year and month, like 2025-10 (2025-10-01 or 01/10/2025 also work)",
        example="2025-10",
        read=read_month,
        field="period_start",
    )


# How each kind of value is written, read and typed in: format, reader, numeric, box width.
_VALUES: dict[str, tuple[str, Callable[[str], Any], bool, int | None]] = {
    "count": ("A whole number, 0 or more", read_whole, True, 10),
    "fte": ("A number, 0 or more (rounded to 2 decimal places)", read_decimal, True, 10),
    "text": ("Text, up to 120 characters", read_text(120), False, None),
}


def _column(
    kind: str, name: str, label: str, meaning: str, example: str, *, required: bool = True
) -> Column:
    format_, read, numeric, width = _VALUES[kind]
    return Column(
        name=name,
        label=label,
        meaning=meaning,
        format=format_ + ("" if required or not numeric else "; blank counts as 0"),
        example=example,
        read=read,
        field=name,
        required=required,
        default=None if required else (0 if numeric else ""),
        numeric=numeric,
        width=width,
    )


def _check_returns(values: dict[str, Any]) -> list[tuple[str, str]]:
    establishment, vacancies = values.get("establishment_fte"), values.get("vacancies_fte")
    if establishment is not None and vacancies is not None and vacancies > establishment:
        return [("vacancies_fte", f"is more than the establishment FTE ({establishment})")]
    return []


RETURNS = Dataset(
    kind=DatasetKind.RETURNS,
    title="Monthly workforce returns",
    summary=(
        "Each month, for each staff group or role: the posts funded, the posts vacant, the"
        " applications received and the people who left. These are the figures behind vacancy"
        " rates and the success indicators followed at 30, 60 and 90 days."
    ),
    model=WorkforceReturn,
    owner="organisation",
    period="period_start",
    key=("month", "staff_group"),
    columns=(
        _month_column("The month the figures are for"),
        _column(
            "text",
            "staff_group",
            "Staff group or role",
            "The staff group or role, named the same way every month",
            "Registered nurses",
        ),
        _column(
            "fte",
            "establishment_fte",
            "Establishment (FTE)",
            "Funded posts at the end of the month, in full-time equivalents",
            "120.5",
        ),
        _column(
            "fte",
            "vacancies_fte",
            "Vacancies (FTE)",
            "Funded posts nobody holds at the end of the month, in full-time equivalents; no"
            " more than the establishment",
            "9.6",
        ),
        _column(
            "count",
            "applications",
            "Applications received",
            "Applications received during the month for posts in this group",
            "34",
        ),
        _column(
            "count", "leavers", "Leavers", "People in this group who left during the month", "3"
        ),
    ),
    check=_check_returns,
)

EXIT_REASONS = Dataset(
    kind=DatasetKind.EXIT_REASONS,
    title="Exit interview reasons",
    summary=(
        "How many leavers gave each reason for leaving, by month and staff group. Counts only:"
        " nobody is named."
    ),
    model=ExitInterviewCount,
    owner="organisation",
    period="period_start",
    key=("month", "staff_group", "reason"),
    columns=(
        _month_column("The month the people left"),
        _column(
            "text",
            "staff_group",
            "Staff group or role",
            "The staff group or role of the leavers",
            "Care workers",
        ),
        Column(
            name="reason",
            label="Reason for leaving",
            meaning="The main reason the leavers gave",
            format="A code or the words from the list of reasons below (any case)",
            example=ExitReason.WORK_LIFE_BALANCE.value,
            read=read_reason,
            field="reason",
            choices=tuple((str(v), str(label)) for v, label in ExitReason.choices),
        ),
        _column("count", "leavers", "Leavers", "How many leavers gave this reason", "4"),
    ),
)

SOCIAL_CARE = Dataset(
    kind=DatasetKind.SOCIAL_CARE,
    title="Workforce by job role",
    summary=(
        "A care provider's, council's, GP practice's, primary care network's or voluntary"
        " partner's headcount, FTE, starters, leavers and vacancies by job role, in the shape of"
        " the adult social care workforce return: the figures no national NHS file holds."
        " Projections take each job role as a cell. Record them once a month or as often as"
        " you count them."
    ),
    model=SocialCareWorkforce,
    owner="organisation",
    period="period_start",
    key=("month", "job_role"),
    columns=(
        _month_column("The month the count was taken"),
        _column("text", "job_role", "Job role", "The job role", "Care worker"),
        _column("count", "headcount", "Headcount", "People employed in the role", "85"),
        _column("fte", "fte", "Full-time equivalents (FTE)", "The same people as FTE", "61.4"),
        _column(
            "count",
            "leavers_last_12_months",
            "Leavers in the last 12 months",
            "People who left the role in the 12 months up to the count",
            "27",
        ),
        _column(
            "count",
            "starters_last_12_months",
            "Starters in the last 12 months",
            "People who started in the role in the 12 months up to the count",
            "30",
            required=False,
        ),
        _column(
            "count",
            "vacancies",
            "Vacancies",
            "Posts being recruited to at the time of the count",
            "6",
            required=False,
        ),
    ),
)

POPULATION = Dataset(
    kind=DatasetKind.POPULATION,
    title="Population projections",
    summary=(
        "Projected residents of a place by year and age band, for example from the Office for"
        " National Statistics' subnational population projections. Projections use them to"
        " grow demand."
    ),
    model=PopulationProjection,
    owner="place",
    period="year",
    key=("year", "age_band"),
    columns=(
        Column(
            name="year",
            label="Year",
            meaning="The year projected (mid-year)",
            format="A year, like 2030",
            example="2030",
            read=read_year,
            field="year",
            numeric=True,
            hint="The year projected, for example 2030",
            width=4,
        ),
        Column(
            name="age_band",
            label="Age band",
            meaning="Ages included, both ends inclusive; the last band is open-ended",
            format="From-to like 18-64, or from and over like 85+",
            example="65-74",
            read=read_age_band,
            field="age_band",
            hint="For example 18-64, or 85+ for the oldest band (both ends are included)",
            width=10,
        ),
        _column("count", "people", "People", "Projected residents in the band", "21400"),
        Column(
            name="source",
            label="Source",
            meaning="Where the projection comes from",
            format="Text, up to 200 characters; may be blank",
            example="ONS 2022-based subnational population projections",
            read=read_text(200),
            field="source",
            required=False,
            default="",
        ),
    ),
)

DATASETS: dict[str, Dataset] = {d.kind: d for d in (RETURNS, EXIT_REASONS, SOCIAL_CARE, POPULATION)}
PARTNER_KINDS = (RETURNS.kind, EXIT_REASONS.kind, SOCIAL_CARE.kind)


def template_rows(dataset: Dataset) -> tuple[list[str], list[list[str]]]:
    """The CSV template: the header and one example row."""
    return dataset.header, [dataset.example]


# Whose figures they are ----------------------------------------------------------------------

Owner = Organisation | Place


def owner_filter(dataset: Dataset, owner: Owner) -> dict[str, Any]:
    return {dataset.owner: owner}


def organisation_of(owner: Owner) -> Organisation | None:
    return owner if isinstance(owner, Organisation) else None
