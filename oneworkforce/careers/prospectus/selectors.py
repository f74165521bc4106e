"""Reads for the prospectus: the partnership's own words and the live data around them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from oneworkforce.partners.models import Organisation
from oneworkforce.talent.models import RecruitmentEvent, Vacancy

from ..jobs.selectors import SECTOR_GROUPS, open_vacancies
from ..models import Prospectus, ProspectusPhoto
from ..pathways.catalogue import Catalogue
from ..pathways.selectors import catalogue

NEWEST_JOBS = 12
EVENTS = 6


@dataclass(frozen=True)
class ProspectusData:
    text: Prospectus
    partners_by_sector: list[tuple[str, list[str]]]
    catalogue: Catalogue
    job_count: int
    jobs_by_sector: Counter[str]
    newest_jobs: list[Vacancy]
    events: list[RecruitmentEvent]
    today: dt.date
    photos: list[ProspectusPhoto]


def prospectus_text() -> Prospectus:
    """The stored prospectus text, or an unsaved blank one."""
    return Prospectus.objects.order_by("pk").first() or Prospectus()


def photos(*, images: bool = False) -> list[ProspectusPhoto]:
    """The prospectus photos in order; their image bytes only when ``images`` (the PDF)."""
    found = ProspectusPhoto.objects.order_by("position", "pk")
    return list(found if images else found.defer("image"))


def photo(pk: int | str | None) -> ProspectusPhoto | None:
    """One photo without its bytes, or None (a missing or malformed id alike)."""
    if not str(pk or "").isdigit():
        return None
    return ProspectusPhoto.objects.defer("image").filter(pk=int(str(pk))).first()


def photo_image(pk: int) -> bytes | None:
    """A photo's stored JPEG, or None."""
    found = ProspectusPhoto.objects.filter(pk=pk).values_list("image", flat=True).first()
    return None if found is None else bytes(found)


def _group(sector: str) -> str:
    for name, members in SECTOR_GROUPS.values():
        if sector in members:
            return name
    return "Others"


def prospectus(now: dt.datetime | None = None, *, images: bool = False) -> ProspectusData:
    """Everything the prospectus shows; the photos' bytes only when ``images`` (the PDF)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    partners: dict[str, list[str]] = {}
    for name, sector in (
        Organisation.objects.active().order_by("name").values_list("name", "sector")
    ):
        partners.setdefault(_group(sector), []).append(name)
    order = [name for name, _ in SECTOR_GROUPS.values()]
    jobs = open_vacancies(today)
    by_sector: Counter[str] = Counter(
        _group(sector) for sector in jobs.values_list("organisation__sector", flat=True).order_by()
    )
    return ProspectusData(
        text=prospectus_text(),
        partners_by_sector=sorted(partners.items(), key=lambda kv: _rank(order, kv[0])),
        catalogue=catalogue(),
        job_count=sum(by_sector.values()),
        jobs_by_sector=by_sector,
        newest_jobs=list(jobs.order_by("-created_at", "-pk")[:NEWEST_JOBS]),
        events=list(
            RecruitmentEvent.objects.filter(ends_at__gte=now, cancelled_at__isnull=True).order_by(
                "starts_at"
            )[:EVENTS]
        ),
        today=today,
        photos=photos(images=images),
    )


def _rank(order: list[str], name: str) -> int:
    return order.index(name) if name in order else len(order)
