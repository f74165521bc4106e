"""Importing NHS England's published workforce files into the database.

The whole file is read and checked first (``nhs_files``); only a file with no problem is written,
in one transaction. Importing is idempotent per period and organisation: figures already held for
a period and organisation the file covers are replaced by the file's, so importing the same file
twice, or a corrected re-release, leaves one set of figures. Every import records its provenance
(file name, SHA-256, rows, who, when, how).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from oneworkforce.core import audit

from ..models import DatasetKind, ImportBatch, NationalityFigure, SicknessFigure, TurnoverFigure
from . import nhs_files

if TYPE_CHECKING:
    from oneworkforce.partners.models import User

TARGETS: dict[str, type[models.Model]] = {
    DatasetKind.TURNOVER: TurnoverFigure,
    DatasetKind.SICKNESS: SicknessFigure,
    DatasetKind.NATIONALITY: NationalityFigure,
}


def _fields(record: Any) -> dict[str, Any]:
    return dict(vars(record))


def read(kind: str, path: Path, progress: Callable[[int], None] | None = None) -> Any:
    if kind not in nhs_files.READERS:
        raise nhs_files.FileError(
            Path(path).name,
            [f"kind {kind!r} is not one of {', '.join(sorted(nhs_files.READERS))}"],
        )
    return nhs_files.READERS[kind](path, progress)


@transaction.atomic
def save(parsed: nhs_files.ParsedFile[Any], *, user: User | None = None, via: str) -> ImportBatch:
    """Write a checked file: replace the figures for each period and organisation it covers."""
    model = TARGETS[parsed.kind]
    by_period: dict[Any, set[str]] = defaultdict(set)
    for record in parsed.records:
        by_period[record.period_start].add(record.org_code)
    replaced = 0
    for period, codes in by_period.items():
        held = model.objects.filter(period_start=period, org_code__in=codes)  # type: ignore[attr-defined]
        replaced += held.count()
        held.delete()
    batch = ImportBatch.objects.create(
        kind=parsed.kind,
        file_name=parsed.name[:255],
        sha256=parsed.sha256,
        rows=parsed.rows,
        records_created=len(parsed.records),
        records_replaced=replaced,
        periods=[p.isoformat() for p in sorted(by_period)],
        imported_by=user if getattr(user, "is_authenticated", False) else None,
        imported_via=via,
    )
    model.objects.bulk_create(  # type: ignore[attr-defined]
        [model(batch=batch, **_fields(r)) for r in parsed.records], batch_size=2000
    )
    audit.record(
        actor=user,
        action="intelligence.import",
        obj=batch,
        changes={
            "file": parsed.name,
            "sha256": parsed.sha256,
            "rows": parsed.rows,
            "records": len(parsed.records),
            "replaced": replaced,
        },
    )
    return batch


def import_file(
    kind: str,
    path: Path,
    *,
    user: User | None = None,
    via: str = "command line",
    progress: Callable[[int], None] | None = None,
) -> ImportBatch:
    return save(read(kind, Path(path), progress), user=user, via=via)
