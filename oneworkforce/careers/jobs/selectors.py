"""Reads for the public job board: every open vacancy of every partner, searched by words,
filters and distance on either database, and one vacancy for its page.

Distance is worked out in SQL on the stored latitude and longitude with the equirectangular
approximation (a few metres off at these distances), inside a bounding box an index serves, so
"nearest first" and "within 10 km" need no per-row Python and read the same on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Count, F, Q, QuerySet, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from oneworkforce.core import geography
from oneworkforce.partners.choices import Sector
from oneworkforce.talent.models import Contract, PayUnit, Vacancy

from ..pathways.presenters import HOURS_A_YEAR

KM_PER_DEGREE = 111.195  # one degree of latitude, on the mean Earth radius
CLOSING_SOON_DAYS = 7
MAX_WORDS = 8

# Sectors as a visitor thinks of them, each made of the partnership's finer sectors.
SECTOR_GROUPS: Mapping[str, tuple[str, tuple[str, ...]]] = MappingProxyType(
    {
        "social_care": ("Social care", (Sector.ADULT_SOCIAL_CARE,)),
        "nhs": (
            "NHS trusts and boards",
            (
                Sector.NHS_ACUTE,
                Sector.NHS_COMMUNITY,
                Sector.NHS_MENTAL_HEALTH,
                Sector.NHS_AMBULANCE,
                Sector.ICB,
            ),
        ),
        "primary_care": (
            "GP practices and primary care",
            (Sector.GP_PRACTICE, Sector.PCN, Sector.GP_CONFEDERATION),
        ),
        "council": ("Council", (Sector.LOCAL_AUTHORITY,)),
        "voluntary": ("Voluntary and community", (Sector.VCSE,)),
        "other": ("Colleges and independent providers", (Sector.EDUCATION, Sector.INDEPENDENT)),
    }
)
SORTS: Mapping[str, str] = MappingProxyType(
    {"newest": "Newest", "nearest": "Nearest", "closing": "Closing date"}
)


class UnknownPlace(ValueError):
    """A postcode or district the service does not know the location of."""


@dataclass
class Criteria:
    q: str = ""
    sectors: list[str] = field(default_factory=list)
    work_areas: list[str] = field(default_factory=list)
    hours: list[str] = field(default_factory=list)
    contracts: list[str] = field(default_factory=list)
    pay_from: int | None = None  # pounds a year (hourly pay counted for a full-time week)
    near: str = ""  # a postcode or a district
    within_km: int | None = None
    no_experience: bool = False
    apprenticeship: bool = False
    training: bool = False
    closing_soon: bool = False
    role: str = ""
    sort: str = ""


def open_vacancies(today: dt.date | None = None) -> QuerySet[Vacancy]:
    today = today or timezone.localdate()
    return Vacancy.objects.open_on(today).select_related("organisation")


def _words(text: str) -> list[str]:
    """The words of a search: letters and digits, at most MAX_WORDS of them."""
    return re.findall(r"[^\W_]+", text.lower())[:MAX_WORDS]


def _by_words(found: QuerySet[Vacancy], text: str) -> QuerySet[Vacancy]:
    """Every word must begin a word of the title, the employer's name or the description.

    Both databases read a stored search document kept by triggers (talent migration 0010):
    PostgreSQL a tsvector with a GIN index, SQLite an FTS5 table. Words are stemmed the same way
    as the document (English), each one a prefix, so "nurs" finds "nurse" and "nursing". A
    search of nothing but punctuation finds nothing."""
    words = _words(text)
    if not words:
        return found.none()
    if connection.vendor == "postgresql":
        # The SQL is constant; the words (letters and digits only) are always a parameter.
        query = " & ".join(f"{word}:*" for word in words)
        matches = RawSQL(
            '"talent_vacancy"."search_document" @@ to_tsquery(\'english\'::regconfig, %s)',
            [query],
            output_field=BooleanField(),
        )
        return found.filter(matches)
    expression = " AND ".join(f'"{word}"*' for word in words)
    return found.filter(
        id__in=RawSQL(
            "SELECT rowid FROM talent_vacancy_fts WHERE talent_vacancy_fts MATCH %s",
            [expression],
        )
    )


def _near(found: QuerySet[Vacancy], near: str, km: float) -> QuerySet[Vacancy]:
    point = geography.locate(near)
    if point is None:
        raise UnknownPlace(near)
    lat, lon = point
    degrees = km / KM_PER_DEGREE
    stretch = math.cos(math.radians(lat))
    dlat = F("latitude") - Value(lat)
    dlon = (F("longitude") - Value(lon)) * Value(stretch)
    return (
        found.filter(
            latitude__range=(lat - degrees, lat + degrees),
            longitude__range=(lon - degrees / stretch, lon + degrees / stretch),
        )
        .annotate(distance2=dlat * dlat + dlon * dlon)
        .filter(distance2__lte=degrees * degrees)
    )


def search(criteria: Criteria, *, today: dt.date | None = None) -> QuerySet[Vacancy]:
    """Open vacancies matching ``criteria``, sorted. Raises :class:`UnknownPlace` for a place
    with no known location."""
    today = today or timezone.localdate()
    found = open_vacancies(today)
    if criteria.q.strip():
        found = _by_words(found, criteria.q)
    if criteria.sectors:
        sectors = [s for key in criteria.sectors for s in SECTOR_GROUPS[key][1]]
        found = found.filter(organisation__sector__in=sectors)
    if criteria.work_areas:
        found = found.filter(work_area__in=criteria.work_areas)
    if criteria.hours:
        found = found.filter(hours__in=criteria.hours)
    if criteria.contracts:
        found = found.filter(contract__in=criteria.contracts)
    if criteria.pay_from:
        yearly = Decimal(criteria.pay_from)
        hourly = (yearly / Decimal(str(HOURS_A_YEAR))).quantize(Decimal("0.01"))
        found = found.filter(
            Q(pay_unit=PayUnit.YEAR, pay_high__gte=yearly)
            | Q(pay_unit=PayUnit.HOUR, pay_high__gte=hourly)
        )
    if criteria.no_experience:
        found = found.filter(entry_level=True)
    if criteria.apprenticeship:
        found = found.filter(contract=Contract.APPRENTICESHIP)
    if criteria.training:
        found = found.filter(training_given=True)
    if criteria.closing_soon:
        found = found.filter(closes_on__lte=today + dt.timedelta(days=CLOSING_SOON_DAYS))
    if criteria.role:
        found = found.filter(career_role=criteria.role)
    if criteria.near:
        found = _near(found, criteria.near, criteria.within_km or 10)
    return _sorted(found, criteria)


def _sorted(found: QuerySet[Vacancy], criteria: Criteria) -> QuerySet[Vacancy]:
    sort = criteria.sort or ("nearest" if criteria.near else "newest")
    if sort == "nearest" and criteria.near:
        return found.order_by("distance2", "-created_at", "-pk")
    if sort == "closing":
        far = dt.date(9999, 12, 31)
        return found.annotate(closing=Coalesce("closes_on", Value(far))).order_by(
            "closing", "-created_at", "-pk"
        )
    return found.order_by("-created_at", "-pk")


class CountingPaginator(Paginator):
    """Pages of search results, each listed and counted in one query (``COUNT(*) OVER ()``
    beside the page's rows). Only a page past the end asks for the count on its own, to show
    the last real page instead."""

    def get_page(self, number: object) -> Page:
        try:
            wanted = max(1, int(str(number)))
        except ValueError:
            wanted = 1
        start = (wanted - 1) * self.per_page
        counted = self.object_list.annotate(found_in_all=Window(Count("pk")))
        rows = list(counted[start : start + self.per_page])
        if not rows and wanted > 1:
            return super().get_page(wanted)
        self.__dict__["count"] = rows[0].found_in_all if rows else 0  # the cached count
        return Page(rows, wanted, self)


def results_page(found: QuerySet[Vacancy], number: object, *, per_page: int = 20) -> Page:
    """Page ``number`` of ``found`` (the first for a bad number, the last past the end)."""
    return CountingPaginator(found, per_page).get_page(number)


def distance_km(vacancy: Vacancy) -> float | None:
    """The distance a search by place worked out, in kilometres (None without one)."""
    value = getattr(vacancy, "distance2", None)
    return None if value is None else math.sqrt(value) * KM_PER_DEGREE


def job_for(*, pk: int, today: dt.date | None = None) -> Vacancy:
    """An open vacancy for its public page, or 404 (closed ones are not shown)."""
    found = open_vacancies(today).filter(pk=pk).first()
    if found is None:
        raise Http404("This job is not open")
    return found


def vacancy_any(*, pk: int) -> Vacancy | None:
    """A vacancy whether open or not, to say it has closed rather than that it never was."""
    return Vacancy.objects.select_related("organisation").filter(pk=pk).first()
