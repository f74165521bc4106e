"""Catalogue search: full text with ranking plus filters, on either database.

PostgreSQL ranks with ``ts_rank_cd`` over a weighted ``tsvector`` (titles weigh more) kept in a
stored generated column with a GIN index (migrations 0002 and 0003). SQLite uses an FTS5 table
kept in step by triggers and ranks with BM25 (titles weighted ten to one). Every other filter is
plain ORM, so the two databases answer the same questions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from oneworkforce.core import geo, geography
from oneworkforce.partners.models import Site

from ..models import Kind, Opportunity, Session

SORTS = {
    "relevance": "Best match",
    "soonest": "Soonest date",
    "newest": "Newest",
    "title": "Title A to Z",
}


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


class UnknownPostcode(ValueError):
    pass


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


def sites_within(postcode: str, km: float) -> dict[int, float]:
    """Sites with a known location within ``km`` of ``postcode``, with their distance."""
    origin = geography.locate(postcode)
    if origin is None:
        raise UnknownPostcode(postcode)
    sites = dict(Site.objects.values_list("pk", "postcode"))
    located = geography.locate_many(sites.values())
    places = {pk: located[code] for pk, code in sites.items() if code in located}
    return geo.within_km(origin, places, km)


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
            near = sites_within(criteria.postcode, criteria.within_km or 10)
            sessions = sessions.filter(site_id__in=list(near))
        undated_ok = criteria.places and not (
            criteria.date_from or criteria.date_to or criteria.postcode
        )
        dated = Q(Exists(sessions))
        if undated_ok:
            dated |= ~Q(kind__in=list(Kind.dated()))
        found = found.filter(dated)
    found = found.annotate(
        next_start=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1])
    )
    return _sorted(found, criteria)


def _sorted(found: QuerySet[Opportunity], criteria: Criteria) -> QuerySet[Opportunity]:
    sort = criteria.sort or ("relevance" if criteria.q.strip() else "soonest")
    if sort == "relevance":
        return found.order_by("-rank", "title", "pk")
    if sort == "newest":
        return found.order_by(F("published_at").desc(nulls_last=True), "pk")
    if sort == "title":
        return found.order_by("title", "pk")
    return found.order_by(F("next_start").asc(nulls_last=True), "title", "pk")
