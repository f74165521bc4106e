"""Where postcodes are, from the stored :class:`~oneworkforce.core.models.PostcodeLocation` rows.

Reads (``locate``, ``locate_many``) never raise for a postcode they cannot place: they answer
``None`` or leave it out, and the caller words the message. Distances are straight lines
(:func:`oneworkforce.core.geo.haversine_km`), not travel distances or times. See
``docs/postcodes.md``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Avg, F

from . import audit, geo
from .geo import Point, haversine_km, within_km
from .models import PostcodeLocation
from .postcodes import InvalidPostcode

__all__ = [
    "DEMO_FILE",
    "ImportResult",
    "Point",
    "deprivation_decile",
    "haversine_km",
    "load_demo_postcodes",
    "locate",
    "locate_many",
    "postcode_locations_import",
    "within_km",
]

logger = logging.getLogger(__name__)

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_postcode_districts.csv"
# Codes per ``IN (...)`` query: well inside SQLite's and PostgreSQL's parameter limits.
QUERY_CHUNK = 500
# Rows per INSERT; Django lowers it further where the database needs (SQLite's parameter limit).
WRITE_CHUNK = 1000
UPDATED_FIELDS = ["outward_code", "latitude", "longitude", "imd_decile", "source", "updated_at"]

StageProgress = Callable[[str, int], None]
"""Called with the stage (``"check"`` or ``"write"``) and the bytes read since the last call."""


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), QUERY_CHUNK):
        yield items[start : start + QUERY_CHUNK]


def locate_many(postcodes: Iterable[str]) -> dict[str, Point]:
    """``{postcode as given: (latitude, longitude)}`` for every postcode that can be placed.

    Each is placed by its own row, else by its district's row, else by the mean position of the
    stored postcodes in its district. A postcode district (``LS1``) is accepted as well. Invalid
    and unplaceable postcodes are left out. Queries: one per ``QUERY_CHUNK`` distinct codes, plus
    one aggregate per ``QUERY_CHUNK`` districts that need the mean (two for a typical page).
    """
    wanted: dict[str, str] = {}
    for given in postcodes:
        if given in wanted:
            continue
        try:
            wanted[given] = geo.normalise_postcode_or_district(given)
        except InvalidPostcode:
            continue
    codes = set(wanted.values()) | {geo.outward_code(code) for code in wanted.values()}
    found: dict[str, Point] = {}
    for chunk in _chunks(sorted(codes)):
        rows = PostcodeLocation.objects.filter(postcode__in=chunk).values_list(
            "postcode", "latitude", "longitude"
        )
        found.update((code, (lat, lon)) for code, lat, lon in rows)
    districts = sorted(
        {
            geo.outward_code(code)
            for code in wanted.values()
            if code not in found and geo.outward_code(code) not in found
        }
    )
    for chunk in _chunks(districts):
        means = (
            PostcodeLocation.objects.filter(outward_code__in=chunk)
            .exclude(postcode=F("outward_code"))
            .order_by()
            .values("outward_code")
            .annotate(latitude=Avg("latitude"), longitude=Avg("longitude"))
            .values_list("outward_code", "latitude", "longitude")
        )
        found.update((district, (lat, lon)) for district, lat, lon in means)
    located: dict[str, Point] = {}
    for given, code in wanted.items():
        point = found.get(code) or found.get(geo.outward_code(code))
        if point is not None:
            located[given] = point
    return located


def locate(postcode: str) -> Point | None:
    """Where ``postcode`` (or a district such as ``LS1``) is, as (latitude, longitude); ``None``
    when it is not a postcode or nothing is known about its district."""
    return locate_many([postcode]).get(postcode)


@dataclass(frozen=True)
class ImportResult:
    file: geo.FileSummary
    created: int
    updated: int
    removed: int  # rows held before and removed by ``replace``


def postcode_locations_import(
    *,
    path: str | Path,
    replace: bool = False,
    source: str | None = None,
    progress: StageProgress | None = None,
) -> ImportResult:
    """Check the whole file, then write it in one transaction.

    A postcode already held is updated; with ``replace`` every location held before (from any
    file) is removed first, so the table holds exactly the file. Raises
    :class:`~oneworkforce.core.geo.PostcodeFileError`, naming every faulty line, and writes
    nothing when the file has a problem.
    """
    path = Path(path)
    source = (source or path.name)[:100]
    geo.check_file(path, progress=_stage(progress, "check"))
    summary = geo.FileSummary(path.name)
    first: str | None = None
    with transaction.atomic():
        held = PostcodeLocation.objects.count()
        removed = PostcodeLocation.objects.all().delete()[0] if replace else 0
        for batch in geo.read_batches(path, progress=_stage(progress, "write"), summary=summary):
            first = first or batch[0].postcode
            PostcodeLocation.objects.bulk_create(
                [
                    PostcodeLocation(
                        postcode=row.postcode,
                        outward_code=row.outward_code,
                        latitude=row.latitude,
                        longitude=row.longitude,
                        imd_decile=row.imd_decile,
                        source=source,
                    )
                    for row in batch
                ],
                batch_size=WRITE_CHUNK,
                update_conflicts=True,
                unique_fields=["postcode"],
                update_fields=UPDATED_FIELDS,
            )
        created = PostcodeLocation.objects.count() - (held - removed)
        result = ImportResult(
            file=summary,
            created=created,
            updated=summary.locations - created,
            removed=removed,
        )
        # Postcode positions are public reference data, not personal data, so nothing in data
        # protection asks for an audit event. One is written all the same: an import (above all
        # with ``replace``) changes every distance search at once, and the append-only log is
        # the lasting answer to "when did this change, from which file, by which command" (log
        # lines rotate away). ``audit.record`` points at one row, so the event points at the
        # first location this file wrote and carries the file-wide figures in ``changes``.
        assert first is not None  # a file with no locations fails the check
        audit.record(
            actor=None,
            action="core.postcodes_import",
            obj=PostcodeLocation.objects.get(postcode=first),
            label=f"Postcode locations from {source}",
            changes={
                "file": path.name,
                "layout": summary.layout,
                "locations": summary.locations,
                "districts": summary.districts,
                "created": result.created,
                "updated": result.updated,
                "removed": result.removed,
                "no_grid_reference": summary.no_grid_reference,
                "terminated_kept": summary.terminated,
            },
        )
    logger.info(
        "postcode locations imported from %s: %d created, %d updated, %d removed",
        path.name,
        result.created,
        result.updated,
        result.removed,
    )
    return result


def _stage(progress: StageProgress | None, stage: str) -> geo.Progress | None:
    if progress is None:
        return None
    return lambda done: progress(stage, done)


def load_demo_postcodes() -> int:
    """Load the approximate West Yorkshire district centroids shipped for the demo partnership.

    Idempotent: loading again updates the same rows. Locations loaded from other files are kept.
    Returns the number of districts in the file.
    """
    return postcode_locations_import(path=DEMO_FILE).file.locations


def deprivation_decile(postcode: str) -> int | None:
    """The Index of Multiple Deprivation decile (1 = most deprived tenth) of the neighbourhood
    a postcode is in: its own row's, else its district row's; ``None`` when neither is known
    (or it is not a postcode)."""
    try:
        code = geo.normalise_postcode_or_district(postcode)
    except InvalidPostcode:
        return None
    deciles = dict(
        PostcodeLocation.objects.filter(
            postcode__in={code, geo.outward_code(code)}, imd_decile__isnull=False
        ).values_list("postcode", "imd_decile")
    )
    return deciles.get(code) or deciles.get(geo.outward_code(code))
