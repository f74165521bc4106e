"""Catalogue search: full text with ranking plus filters, on either database.

PostgreSQL ranks with ``ts_rank_cd`` over a weighted ``tsvector`` (titles weigh more) kept in a
stored generated column with a GIN index (migrations 0002 and 0003). SQLite uses an FTS5 table
kept in step by triggers and ranks with BM25 (titles weighted ten to one). Every other filter is
plain ORM, so the two databases answer the same questions.

Distance: each in-person session carries its place (:mod:`..bookings.places`). A search near a
postcode or district keeps the sessions inside a latitude/longitude box around it (an index),
then measures them with the equirectangular approximation, plain arithmetic both databases do
(within 0.5% of the great-circle distance at the distances a learner travels in England). A
listing's distance is its nearest matching session's, found by grouping those sessions alone by
listing (one narrow pass, so nearest first and the count stay cheap); only the page's listings
are then fetched (:class:`NearestFirst`). Results can be sorted nearest first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, overload

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from oneworkforce.core import geo, geography
from oneworkforce.core.postcodes import InvalidPostcode

from ..models import Kind, Opportunity, Session

SORTS = {
    "relevance": "Best match",
    "nearest": "Nearest first",
    "soonest": "Soonest date",
    "newest": "Newest",
    "title": "Title A to Z",
}
KM_PER_DEGREE = math.pi * geo.EARTH_RADIUS_KM / 180


@dataclass
class Criteria:
    q: str = ""
    kinds: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    providers: list[str] = field(default_factory=list)
    sector: str = ""
    requirement: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    free: bool = False
    places: bool = False
    postcode: str = ""
    within_km: int | None = None
    sort: str = ""

    @property
    def needs_sessions(self) -> bool:
        return bool(self.date_from or self.date_to or self.places or self.postcode)

    @property
    def effective_sort(self) -> str:
        """The sort asked for, else nearest first near a postcode, best match for words, else
        the soonest date."""
        if self.sort and (self.sort != "nearest" or self.postcode):
            return self.sort
        if self.postcode:
            return "nearest"
        return "relevance" if self.q.strip() else "soonest"


class UnknownPostcode(ValueError):
    pass


def origin_of(postcode: str) -> geo.Point:
    """Where a postcode or district is; :class:`UnknownPostcode` when it cannot be placed."""
    try:
        code = geo.normalise_postcode_or_district(postcode)
    except InvalidPostcode:
        raise UnknownPostcode(postcode) from None
    point = geography.locate(code)
    if point is None:
        raise UnknownPostcode(postcode)
    return point


def near(sessions: QuerySet[Session], origin: geo.Point, km: float | None) -> QuerySet[Session]:
    """``sessions`` that are placed (and within ``km`` of ``origin`` when given), annotated with
    ``distance_sq``: the squared distance in square kilometres."""
    lat, lon = origin
    lon_scale = math.cos(math.radians(lat))
    placed = sessions.filter(latitude__isnull=False, longitude__isnull=False)
    if km is not None:
        dlat, dlon = km / KM_PER_DEGREE, km / (KM_PER_DEGREE * max(lon_scale, 0.01))
        placed = placed.filter(
            latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon)
        )
    north = (F("latitude") - lat) * KM_PER_DEGREE
    east = (F("longitude") - lon) * (KM_PER_DEGREE * lon_scale)
    placed = placed.annotate(
        distance_sq=ExpressionWrapper(north * north + east * east, output_field=FloatField())
    )
    return placed.filter(distance_sq__lte=km * km) if km is not None else placed


def _nearby(
    found: QuerySet[Opportunity], origin: geo.Point, criteria: Criteria, now: dt.datetime
) -> QuerySet[Session]:
    """The listings in ``found`` with an upcoming session near ``origin`` meeting the date and
    place filters, as ``opportunity_id`` with ``nearest_sq`` (their nearest such session's
    squared distance) and ``near_start`` (the soonest of those sessions), nearest first. Grouped
    on the sessions alone: the sessions inside the latitude/longitude box (an index) whose
    listing is among ``found``, one narrow row each, so sorting and counting never carry the
    listings' own columns."""
    sessions = Session.objects.filter(
        cancelled_at__isnull=True, starts_at__gt=now, opportunity_id__in=found.values("pk")
    )
    return (
        near(_matching(sessions, criteria), origin, criteria.within_km)
        .order_by()
        .values("opportunity_id")
        .annotate(nearest_sq=Min("distance_sq"), near_start=Min("starts_at"))
        .order_by("nearest_sq", "near_start", "opportunity_id")
    )


class NearestFirst:
    """Results near a postcode, nearest first, for the paginators (Django's and the API's). A
    window of :func:`_nearby` is read with the number of listings found alongside (``COUNT(*)
    OVER ()``), so a page and its count cost one grouped pass; ``count()`` reads the first page
    that way (the page asked for most: the search page's and the API's size). Only the page's
    listings are then fetched, with their distance and soonest nearby date set on each."""

    def __init__(
        self, nearby: QuerySet[Session], listings: QuerySet[Opportunity], first_page: int = 20
    ) -> None:
        self.nearby = nearby.annotate(found=Window(Count("*")))
        self.listings = listings
        self.first_page = first_page
        self._total: int | None = None
        self._windows: dict[tuple[int, int | None], list[dict[str, Any]]] = {}

    def all(self) -> NearestFirst:  # what django-ninja's paginator calls before count()
        return self

    def count(self) -> int:
        if self._total is None:
            self._window(0, self.first_page)
        return self._total or 0

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Opportunity]:
        return iter(self[:])

    def _window(self, start: int, stop: int | None) -> list[dict[str, Any]]:
        if (start, stop) not in self._windows:
            rows = list(self.nearby[start:stop])
            if rows:
                self._total = rows[0]["found"]
            elif start == 0:
                self._total = 0
            self._windows[start, stop] = rows
        return self._windows[start, stop]

    @overload
    def __getitem__(self, window: int) -> Opportunity: ...
    @overload
    def __getitem__(self, window: slice) -> list[Opportunity]: ...
    def __getitem__(self, window: int | slice) -> Opportunity | list[Opportunity]:
        if isinstance(window, int):
            return self[window : window + 1][0]
        picked = self._window(window.start or 0, window.stop)
        ids = [p["opportunity_id"] for p in picked]
        by_id = {o.pk: o for o in self.listings.filter(pk__in=ids)}
        page = []
        for found in picked:
            listing = by_id[found["opportunity_id"]]
            listing.distance_sq, listing.near_start = found["nearest_sq"], found["near_start"]
            page.append(listing)
        return page


def _fts5_query(text: str) -> str:
    """User words as an FTS5 query: every word must appear; the last may be a prefix."""
    words = re.findall(r"\w+", text.lower())
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def _full_text(queryset: QuerySet[Opportunity], text: str) -> QuerySet[Opportunity]:
    if connection.vendor == "postgresql":
        tsquery = "websearch_to_tsquery('english'::regconfig, %s)"
        document = '"learning_opportunity"."search_document"'
        # The SQL is constant; the user's words are always a parameter. The match is a subquery of
        # its own, so it still holds where the listings are a subquery under another alias (the
        # listings near a postcode).
        matched = f"SELECT id FROM learning_opportunity WHERE search_document @@ {tsquery}"  # noqa: S608
        matches = RawSQL(matched, [text])  # noqa: S611
        rank = RawSQL(f"ts_rank_cd({document}, {tsquery})", [text], output_field=FloatField())  # noqa: S611
        return queryset.filter(id__in=matches).annotate(rank=rank)
    expression = _fts5_query(text)
    if not expression:  # nothing searchable (only punctuation): no match, still sortable by rank
        return queryset.none().annotate(rank=Value(0.0, output_field=FloatField()))
    return queryset.filter(
        id__in=RawSQL(
            "SELECT rowid FROM learning_opportunity_fts WHERE learning_opportunity_fts MATCH %s",
            [expression],
        )
    ).annotate(
        rank=RawSQL(
            "(SELECT -bm25(learning_opportunity_fts, 10.0, 1.0) FROM learning_opportunity_fts "
            'WHERE learning_opportunity_fts MATCH %s AND rowid = "learning_opportunity"."id")',
            [expression],
            output_field=FloatField(),
        )
    )


def search(criteria: Criteria, *, now: dt.datetime | None = None) -> QuerySet[Opportunity]:
    now = now or timezone.now()
    found = (
        Opportunity.objects.published()
        .select_related("organisation")
        .defer("search_title", "search_body", "who_can_take")
    )
    if criteria.q.strip():
        found = _full_text(found, criteria.q.strip())
    else:
        found = found.annotate(rank=Value(0.0, output_field=FloatField()))
    if criteria.kinds:
        found = found.filter(kind__in=criteria.kinds)
    if criteria.topics:
        found = found.filter(topics__slug__in=criteria.topics)
    if criteria.providers:
        found = found.filter(organisation__slug__in=criteria.providers)
    if criteria.requirement:
        found = found.filter(requirements__code=criteria.requirement)
    if criteria.topics or criteria.requirement:
        found = found.distinct()
    if criteria.sector:
        found = found.filter(
            Q(audience_sectors=[]) | Q(audience_sectors__icontains=f'"{criteria.sector}"')
        )
    if criteria.free:
        found = found.filter(cost_pence=0)
    upcoming = Session.objects.filter(
        opportunity=OuterRef("pk"), cancelled_at__isnull=True, starts_at__gt=now
    )
    if criteria.postcode:
        origin = origin_of(criteria.postcode)
        nearby = _nearby(found, origin, criteria, now)
        nearest = near(_matching(upcoming, criteria), origin, criteria.within_km).order_by(
            "distance_sq", "starts_at"
        )
        # Worked out only for the page's listings, after sorting and slicing.
        found = found.annotate(nearest_session=Subquery(nearest.values("pk")[:1]))
        if criteria.effective_sort == "nearest":
            return NearestFirst(nearby, _with_next_start(found, upcoming))
        found = found.filter(pk__in=nearby.values("opportunity_id")).annotate(
            distance_sq=Subquery(nearest.values("distance_sq")[:1])
        )
    elif criteria.needs_sessions:
        dated = Q(Exists(_matching(upcoming, criteria)))
        if criteria.places and not (criteria.date_from or criteria.date_to):
            dated |= ~Q(kind__in=list(Kind.dated()))
        found = found.filter(dated)
    return _sorted(_with_next_start(found, upcoming), criteria)


def _matching(sessions: QuerySet[Session], criteria: Criteria) -> QuerySet[Session]:
    """``sessions`` narrowed by the date and free-places filters."""
    if criteria.date_from:
        sessions = sessions.filter(starts_at__date__gte=criteria.date_from)
    if criteria.date_to:
        sessions = sessions.filter(starts_at__date__lte=criteria.date_to)
    if criteria.places:
        sessions = sessions.filter(booked_count__lt=F("capacity"))
    return sessions


def _with_next_start(
    found: QuerySet[Opportunity], upcoming: QuerySet[Session]
) -> QuerySet[Opportunity]:
    return found.annotate(
        next_start=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1])
    )


def _sorted(found: QuerySet[Opportunity], criteria: Criteria) -> QuerySet[Opportunity]:
    sort = criteria.effective_sort
    if sort == "relevance":
        return found.order_by("-rank", "title", "pk")
    if sort == "newest":
        return found.order_by(F("published_at").desc(nulls_last=True), "pk")
    if sort == "title":
        return found.order_by("title", "pk")
    return found.order_by(F("next_start").asc(nulls_last=True), "title", "pk")
