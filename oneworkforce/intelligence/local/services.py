"""Recording partners' local figures: an upload read and checked whole, then written in one
transaction with its batch and an audit event; or one row at a time from the form."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.partners.models import Place

from ..models import ImportBatch
from ..statistics.nhs_files import FileError, _Errors, csv_records, decode_text
from .datasets import (
    DATASETS,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_TEXT,
    CellError,
    Dataset,
    Owner,
    organisation_of,
    owner_filter,
)

if TYPE_CHECKING:
    from oneworkforce.partners.models import User

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


@transaction.atomic
def _save_file(parsed: ParsedLocal, owner: Owner, user: User, via: str) -> ImportBatch:
    dataset = parsed.dataset
    model: Any = dataset.model
    periods = sorted({r[dataset.period] for r in parsed.records})
    held = {
        tuple(getattr(obj, f) for f in dataset.key_fields): obj
        for obj in model.objects.select_for_update()
        .filter(**owner_filter(dataset, owner), **{f"{dataset.period}__in": periods})
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
            created.append(model(**owner_filter(dataset, owner), **record, **stamp))
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
    *, kind: str, owner: Owner, data: bytes, name: str, user: User, via: str = "upload"
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
    *, kind: str, owner: Owner, values: dict[str, Any], user: User
) -> tuple[models.Model, bool]:
    """Create or update the one record with these key values; audit the before and after."""
    dataset = DATASETS[kind]
    model: Any = dataset.model
    key = {f: values[f] for f in dataset.key_fields}
    record = (
        model.objects.select_for_update()
        .filter(**owner_filter(dataset, owner), **key)
        .order_by("pk")
        .first()
    )
    created = record is None
    before = {} if created else audit.snapshot(record, dataset.fields)
    if created:
        record = model(**owner_filter(dataset, owner))
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
