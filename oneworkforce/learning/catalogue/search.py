"""Catalogue search: full text with ranking plus filters, on either database.

PostgreSQL ranks with ``ts_rank_cd`` over a weighted ``tsvector`` (titles weigh more) kept in a
stored generated column with a GIN index (migrations 0002 and 0003). SQLite uses an FTS5 table
kept in step by triggers and ranks with BM25 (titles weighted ten to one). Every other filter is
plain ORM, so the two databases answer the same questions.

Distance: each in-person session carries its place (:mod:`..bookings.places`). A search near a
postcode or district keeps the sessions inside a latitude/longitude box around it (an index),
then measures them with the equirectangular approximation, plain arithmetic both databases do
(within 0.5% of the great-circle distance at the distances a learner travels in England). A
listing's distance is its nearest matching session's, found by joining the listings to those
sessions and grouping (one pass, so nearest first and the count stay cheap); results can be
sorted nearest first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    BooleanField,
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


def _nearest(
    found: QuerySet[Opportunity], origin: geo.Point, criteria: Criteria, now: dt.datetime
) -> QuerySet[Opportunity]:
    """Listings with an upcoming session near ``origin`` meeting the date and place filters,
    annotated with ``distance_sq`` (their nearest such session's), in one join from the
    sessions inside the latitude/longitude box (an index) grouped by listing: no per-listing
    subquery, so sorting nearest first and counting cost one pass over the nearby sessions."""
    lat, lon = origin
    lon_scale = math.cos(math.radians(lat))
    match = Q(
        sessions__cancelled_at__isnull=True,
        sessions__starts_at__gt=now,
        sessions__latitude__isnull=False,
        sessions__longitude__isnull=False,
    )
    if criteria.date_from:
        match &= Q(sessions__starts_at__date__gte=criteria.date_from)
    if criteria.date_to:
        match &= Q(sessions__starts_at__date__lte=criteria.date_to)
    if criteria.places:
        match &= Q(sessions__booked_count__lt=F("sessions__capacity"))
    km = criteria.within_km
    if km is not None:
        dlat, dlon = km / KM_PER_DEGREE, km / (KM_PER_DEGREE * max(lon_scale, 0.01))
        match &= Q(
            sessions__latitude__range=(lat - dlat, lat + dlat),
            sessions__longitude__range=(lon - dlon, lon + dlon),
        )
    north = (F("sessions__latitude") - lat) * KM_PER_DEGREE
    east = (F("sessions__longitude") - lon) * (KM_PER_DEGREE * lon_scale)
    # The partner comes in a second query for the page's listings only, so the grouping
    # carries the listings' own columns alone.
    found = (
        found.select_related(None)
        .prefetch_related("organisation")
        .filter(match)
        .annotate(
            distance_sq=Min(
                ExpressionWrapper(north * north + east * east, output_field=FloatField())
            ),
            near_start=Min("sessions__starts_at"),
        )
    )
    return found.filter(distance_sq__lte=km * km) if km is not None else found


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
        # The SQL is constant; the user's words are always a parameter.
        matches = RawSQL(f"{document} @@ {tsquery}", [text], output_field=BooleanField())  # noqa: S611
        rank = RawSQL(f"ts_rank_cd({document}, {tsquery})", [text], output_field=FloatField())  # noqa: S611
        return queryset.filter(matches).annotate(rank=rank)
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
    if criteria.needs_sessions:
        sessions = upcoming
        if criteria.date_from:
            sessions = sessions.filter(starts_at__date__gte=criteria.date_from)
        if criteria.date_to:
            sessions = sessions.filter(starts_at__date__lte=criteria.date_to)
        if criteria.places:
            sessions = sessions.filter(booked_count__lt=F("capacity"))
        if criteria.postcode:
            origin = origin_of(criteria.postcode)
            found = _nearest(found, origin, criteria, now)
            nearest = near(sessions, origin, criteria.within_km).order_by(
                "distance_sq", "starts_at"
            )
            # Worked out only for the page's listings, after sorting and slicing.
            found = found.annotate(nearest_session=Subquery(nearest.values("pk")[:1]))
        else:
            dated = Q(Exists(sessions))
            if criteria.places and not (criteria.date_from or criteria.date_to):
                dated |= ~Q(kind__in=list(Kind.dated()))
            found = found.filter(dated)
    found = found.annotate(
        next_start=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1])
    )
    return _sorted(found, criteria)


def _sorted(found: QuerySet[Opportunity], criteria: Criteria) -> QuerySet[Opportunity]:
    sort = criteria.effective_sort
    if sort == "nearest":  # ties: the soonest nearby date
        return found.order_by("distance_sq", "near_start", "pk")
    if sort == "relevance":
        return found.order_by("-rank", "title", "pk")
    if sort == "newest":
        return found.order_by(F("published_at").desc(nulls_last=True), "pk")
    if sort == "title":
        return found.order_by("title", "pk")
    return found.order_by(F("next_start").asc(nulls_last=True), "title", "pk")
