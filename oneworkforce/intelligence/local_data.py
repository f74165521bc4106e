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
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.partners.models import Organisation, Place

from .indicators import add_months, latest_return_month, vacancy_table
from .models import (
    DatasetKind,
    ExitInterviewCount,
    ExitReason,
    ImportBatch,
    PopulationProjection,
    SocialCareWorkforce,
    WorkforceReturn,
)
from .nhs_files import FileError, _Errors, csv_records, decode_text

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
    title="Adult social care workforce",
    summary=(
        "An adult social care employer's (or a council's) headcount, starters, leavers and"
        " vacancies by job role: the figures no national NHS file holds. Record them once a"
        " month or as often as you count them."
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


# Reading an upload -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedLocal:
    dataset: Dataset
    name: str
    sha256: str
    rows: int
    records: list[dict[str, Any]] = field(repr=False)

    @property
    def periods(self) -> list[dt.date]:
        values = {r[self.dataset.period] for r in self.records}
        return sorted(v if isinstance(v, dt.date) else dt.date(v, 1, 1) for v in values)


def _decode(name: str, data: bytes) -> str:
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileError(name, [f"the file is larger than {MAX_UPLOAD_TEXT}; split it into parts"])
    return decode_text(name, data, "save it as CSV UTF-8")


def _header(values: list[str] | None, dataset: Dataset, errors: _Errors) -> list[str]:
    if values is None:
        if not errors.messages:  # (or a CSV error on the first line, already reported)
            errors.add("line 1: the file is empty")
        errors.raise_if_any()
    names = [v.strip().lower() for v in values or []]
    while names and names[-1] == "":
        names.pop()
    missing = [c for c in dataset.header if c not in names]
    unknown = [n or "(blank)" for n in names if n not in dataset.header]
    if missing:
        errors.add(f"line 1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    if unknown:
        errors.add(
            f"line 1: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}"
            f" (the {dataset.title.lower()} template has {', '.join(dataset.header)})"
        )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        errors.add(f"line 1: column {', '.join(repeated)} appears more than once")
    errors.raise_if_any()
    return names


def _cells(
    line: int, values: list[str], names: list[str], dataset: Dataset, errors: _Errors
) -> dict[str, Any] | None:
    """One row's values by model field, or None after reporting its problems."""
    if len(values) > len(names) and any(v.strip() for v in values[len(names) :]):
        errors.add(f"line {line}: has {len(values)} values, but the header has {len(names)}")
        return None
    raw = dict(zip(names, [*values, *[""] * len(names)], strict=False))
    record: dict[str, Any] = {}
    ok = True
    for column in dataset.columns:
        text = raw[column.name]
        where = f"line {line}, column {column.name}"
        if not text.strip():
            if column.required:
                errors.add(f"{where}: is empty")
                ok = False
            record[column.field] = column.default
            continue
        try:
            record[column.field] = column.read(text)
        except CellError as error:
            errors.add(f"{where}: {text.strip()!r} {error}")
            ok = False
    if not ok:
        return None
    for name, problem in dataset.check(record):
        errors.add(f"line {line}, column {name}: {raw[name].strip()!r} {problem}")
        ok = False
    return record if ok else None


def read_local_file(kind: str, data: bytes, name: str) -> ParsedLocal:
    """Check a whole upload; raise :class:`FileError` listing every problem found (up to 20)."""
    dataset = DATASETS.get(kind)
    if dataset is None:
        raise FileError(name, [f"{kind!r} is not one of {', '.join(DATASETS)}"])
    text = _decode(name, data)
    errors = _Errors(name)
    records: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], int] = {}
    rows = 0
    lines = csv_records(text, errors)
    first = next(lines, None)
    names = _header(first[1] if first else None, dataset, errors)
    for line, values in lines:
        rows += 1
        if rows > MAX_ROWS:
            errors.messages.clear()
            errors.add(f"line {line}: more than {MAX_ROWS:,} rows; split the file into parts")
            break
        record = _cells(line, values, names, dataset, errors)
        if record is None:
            continue
        key = tuple(record[f] for f in dataset.key_fields)
        if key in seen:
            errors.add(
                f"line {line}, column {dataset.key[-1]}: repeats line {seen[key]}"
                f" (the same {' and '.join(c.replace('_', ' ') for c in dataset.key)})"
            )
            continue
        seen[key] = line
        records.append(record)
    if rows == 0 and not errors.messages:
        errors.add("line 2: the file has a header but no figures")
    errors.raise_if_any()
    sha = hashlib.sha256(data).hexdigest()
    return ParsedLocal(dataset, name, sha, rows, records)


# Writing ---------------------------------------------------------------------------------------

Owner = Organisation | Place


def _owner_filter(dataset: Dataset, owner: Owner) -> dict[str, Any]:
    return {dataset.owner: owner}


def organisation_of(owner: Owner) -> Organisation | None:
    return owner if isinstance(owner, Organisation) else None


@transaction.atomic
def _save_file(parsed: ParsedLocal, owner: Owner, user: Any, via: str) -> ImportBatch:
    dataset = parsed.dataset
    model: Any = dataset.model
    periods = sorted({r[dataset.period] for r in parsed.records})
    held = {
        tuple(getattr(obj, f) for f in dataset.key_fields): obj
        for obj in model.objects.select_for_update()
        .filter(**_owner_filter(dataset, owner), **{f"{dataset.period}__in": periods})
        .order_by()  # no join to the partner's row, which is not to be locked
    }
    batch = ImportBatch.objects.create(
        kind=dataset.kind,
        file_name=parsed.name[:255],
        sha256=parsed.sha256,
        rows=parsed.rows,
        periods=[p.isoformat() for p in parsed.periods],
        organisation=organisation_of(owner),
        place=owner if isinstance(owner, Place) else None,
        imported_by=user if getattr(user, "is_authenticated", False) else None,
        imported_via=via,
    )
    now = timezone.now()
    stamp = {"batch": batch, "recorded_by": batch.imported_by, "recorded_at": now}
    created, replaced = [], []
    for record in parsed.records:
        existing = held.get(tuple(record[f] for f in dataset.key_fields))
        if existing is None:
            created.append(model(**_owner_filter(dataset, owner), **record, **stamp))
        else:
            for name, value in {**record, **stamp}.items():
                setattr(existing, name, value)
            replaced.append(existing)
    model.objects.bulk_create(created, batch_size=1000)
    model.objects.bulk_update(replaced, [*dataset.fields, *stamp], batch_size=1000)
    batch.records_created, batch.records_replaced = len(created), len(replaced)
    batch.save(update_fields=["records_created", "records_replaced"])
    audit.record(
        actor=user,
        action="intelligence.local_import",
        obj=batch,
        organisation=organisation_of(owner),
        changes={
            "kind": dataset.kind,
            "file": parsed.name,
            "sha256": parsed.sha256,
            "rows": parsed.rows,
            "created": len(created),
            "replaced": len(replaced),
            dataset.owner: owner.pk,
        },
    )
    return batch


def local_file_import(
    *, kind: str, owner: Owner, data: bytes, name: str, user: Any, via: str = "upload"
) -> ImportBatch:
    """Read, check and write one upload for a partner (or, for population, a place)."""
    parsed = read_local_file(kind, data, name)
    try:
        return _save_file(parsed, owner, user, via)
    except IntegrityError:
        raise FileError(
            name, ["the same figures were being saved by someone else; upload the file again"]
        ) from None


@transaction.atomic
def local_figure_save(
    *, kind: str, owner: Owner, values: dict[str, Any], user: Any
) -> tuple[models.Model, bool]:
    """Create or update the one record with these key values; audit the before and after."""
    dataset = DATASETS[kind]
    model: Any = dataset.model
    key = {f: values[f] for f in dataset.key_fields}
    record = (
        model.objects.select_for_update()
        .filter(**_owner_filter(dataset, owner), **key)
        .order_by("pk")
        .first()
    )
    created = record is None
    before = {} if created else audit.snapshot(record, dataset.fields)
    if created:
        record = model(**_owner_filter(dataset, owner))
    for name in dataset.fields:
        setattr(record, name, values[name])
    record.batch = None
    record.recorded_by = user if getattr(user, "is_authenticated", False) else None
    record.recorded_at = timezone.now()
    record.save()
    audit.record(
        actor=user,
        action=f"intelligence.local_figure_{'create' if created else 'update'}",
        obj=record,
        organisation=organisation_of(owner),
        changes=audit.diff(before, audit.snapshot(record, dataset.fields)),
    )
    return record, created


def held_record(kind: str, owner: Owner, pk: Any) -> models.Model | None:
    """The owner's record ``pk`` (to fill the form for a correction), or None."""
    dataset = DATASETS[kind]
    text = str(pk or "")
    if not text.isdigit() or len(text) > 18:
        return None
    model: Any = dataset.model
    return model.objects.filter(pk=int(text), **_owner_filter(dataset, owner)).first()


def recent_imports(kind: str, organisation: Organisation | None) -> list[ImportBatch]:
    return list(ImportBatch.objects.filter(kind=kind, organisation=organisation)[:5])


# Reading for the pages -------------------------------------------------------------------------


def _scoped(queryset: Any, organisation_ids: Iterable[int] | None) -> Any:
    if organisation_ids is None:
        return queryset
    return queryset.filter(organisation_id__in=list(organisation_ids))


def latest_vacancies(
    organisation_ids: Iterable[int] | None = None,
) -> tuple[dt.date | None, list[WorkforceReturn]]:
    """The latest month's returns (of the chosen partners), by partner and staff group."""
    ids = None if organisation_ids is None else list(organisation_ids)
    if ids is None:
        month = latest_return_month()
    else:
        month = _scoped(WorkforceReturn.objects, ids).aggregate(latest=Max("period_start"))[
            "latest"
        ]
    if month is None:
        return None, []
    return month, vacancy_table(month, ids)


@dataclass(frozen=True)
class ReasonCount:
    code: str
    label: str
    leavers: int
    share: float


def exit_reason_counts(
    organisation_ids: Iterable[int] | None = None, months: int = 12
) -> tuple[dt.date | None, dt.date | None, list[ReasonCount]]:
    """Leavers by reason over the last ``months`` months held, most given first."""
    counts = _scoped(ExitInterviewCount.objects.all(), organisation_ids)
    last = counts.aggregate(latest=Max("period_start"))["latest"]
    if last is None:
        return None, None, []
    first = add_months(last, 1 - months)
    totals = (
        counts.filter(period_start__gte=first, period_start__lte=last)
        .order_by()
        .values("reason")
        .annotate(leavers=Sum("leavers"))
    )
    whole = sum(t["leavers"] for t in totals) or 1
    labels = dict(ExitReason.choices)
    rows = [
        ReasonCount(
            t["reason"],
            str(labels.get(t["reason"], t["reason"])),
            t["leavers"],
            t["leavers"] / whole,
        )
        for t in totals
    ]
    rows.sort(key=lambda r: (-r.leavers, r.label))
    return first, last, rows


def latest_social_care(
    organisation_ids: Iterable[int] | None = None,
) -> list[SocialCareWorkforce]:
    """Each partner's most recent social care count, by role."""
    figures = _scoped(SocialCareWorkforce.objects.all(), organisation_ids)
    latest = figures.values("organisation_id").annotate(latest=Max("period_start"))
    query = Q(pk__in=[])
    for item in latest:
        query |= Q(organisation_id=item["organisation_id"], period_start=item["latest"])
    return list(figures.filter(query).select_related("organisation"))


def _band_start(band: str) -> tuple[int, str]:
    digits = re.match(r"\d+", band)
    return (int(digits[0]) if digits else MAX_AGE + 1, band)


def population_by_place() -> list[dict[str, Any]]:
    """Each place's projections as a grid: age bands (youngest first) by year."""
    grids: dict[int, dict[str, Any]] = {}
    for figure in PopulationProjection.objects.select_related("place"):
        grid = grids.setdefault(
            figure.place_id,
            {"place": figure.place, "years": set(), "cells": defaultdict(dict), "sources": set()},
        )
        grid["years"].add(figure.year)
        grid["cells"][figure.age_band][figure.year] = figure.people
        if figure.source:
            grid["sources"].add(figure.source)
    result = []
    for grid in grids.values():
        bands = sorted(grid["cells"], key=_band_start)
        years = sorted(grid["years"])
        result.append(
            {
                "place": grid["place"],
                "years": years,
                "rows": [(band, [grid["cells"][band].get(y) for y in years]) for band in bands],
                "sources": sorted(grid["sources"]),
            }
        )
    return sorted(result, key=lambda g: g["place"].name)


def staff_groups_recorded() -> list[str]:
    return list(
        WorkforceReturn.objects.order_by("staff_group")
        .values_list("staff_group", flat=True)
        .distinct()
    )
