"""Reads for catalogue pages: the front page's counts, the next dates of listings, one listing
for its public page, and a provider's own listings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from oneworkforce.partners.models import Organisation, User

from ..models import Kind, Opportunity, Session, Status, Topic


def front_page() -> dict[str, Any]:
    """How many published listings there are, of each kind, and the topics that have any."""
    published = Opportunity.objects.published()
    return {
        "kinds": [
            (value, label, count)
            for value, label in Kind.choices
            for count in [published.filter(kind=value).count()]
        ],
        "topics": Topic.objects.annotate(
            n=Count("opportunities", filter=Q(opportunities__status=Status.PUBLISHED))
        ).filter(n__gt=0),
        "total": published.count(),
    }


def no_opportunities() -> QuerySet[Opportunity]:
    return Opportunity.objects.none()


def next_sessions(opportunities: Iterable[Opportunity]) -> dict[int, Session]:
    """Each listing's next upcoming session, by listing id."""
    ids = [o.pk for o in opportunities]
    found: dict[int, Session] = {}
    upcoming = Session.objects.upcoming().filter(opportunity_id__in=ids).select_related("site")
    for session in upcoming.order_by("starts_at"):
        found.setdefault(session.opportunity_id, session)
    return found


def sessions_by_id(ids: Iterable[int | None]) -> dict[int, Session]:
    """Sessions by id (a search's nearest sessions), with their sites."""
    wanted = [pk for pk in ids if pk is not None]
    return {s.pk: s for s in Session.objects.filter(pk__in=wanted).select_related("site")}


def feed_sessions(opportunities: Iterable[Opportunity]) -> QuerySet[Session]:
    """Upcoming sessions of the listings, for a calendar feed (at most 1,000)."""
    return (
        Session.objects.upcoming()
        .filter(opportunity__in=[o.pk for o in opportunities])
        .select_related("opportunity__organisation", "site")[:1000]
    )


def _by_slug(queryset: QuerySet[Opportunity], slug: str) -> Opportunity:
    found = queryset.filter(slug=slug).first()
    if found is None:
        raise Http404("No such learning.")
    return found


def opportunity_for(*, slug: str) -> Opportunity:
    """Any listing by its slug (the page decides who sees drafts and withdrawn ones)."""
    return _by_slug(Opportunity.objects.select_related("organisation"), slug)


def published_opportunity(*, slug: str) -> Opportunity:
    return _by_slug(Opportunity.objects.published(), slug)


def upcoming_sessions(opportunity: Opportunity) -> list[Session]:
    return list(opportunity.sessions.upcoming().select_related("site"))


def is_interested(opportunity: Opportunity, user: User) -> bool:
    return opportunity.interests.filter(learner=user).exists()


def administered_organisations(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.administered_by(user).active()


def provider_listings(organisation: Organisation) -> QuerySet[Opportunity]:
    """The partner's listings with their upcoming dates and interest, drafts first."""
    return (
        Opportunity.objects.for_organisation(organisation)
        .annotate(
            upcoming=Count("sessions", filter=Q(sessions__starts_at__gt=timezone.now())),
            interested=Count("interests", distinct=True),
        )
        .order_by("status", "title")
    )


def listing_for(*, organisation: Organisation, slug: str) -> Opportunity:
    """One of the partner's own listings (404 for another partner's)."""
    return _by_slug(Opportunity.objects.for_organisation(organisation), slug)


def listing_sessions(opportunity: Opportunity) -> QuerySet[Session]:
    """The listing's dates in the order they happen, the earliest first."""
    return opportunity.sessions.select_related("site").order_by("starts_at", "pk")


def interest_count(opportunity: Opportunity) -> int:
    return opportunity.interests.select_related("learner_organisation").count()


def review_due(listings: QuerySet[Opportunity]) -> int:
    """How many of the listings are due for review today or earlier."""
    return listings.filter(review_by__lte=timezone.localdate()).count()
