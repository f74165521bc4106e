"""Reads for evaluations: what a learner has still to evaluate, and for a provider only
figures added up over its own listings and the words people wrote, never who wrote them (the
presenters hide anything from fewer than five answers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404

from oneworkforce.partners.models import Organisation, User

from ..models import (
    Attendance,
    Booking,
    Completion,
    CompletionState,
    Evaluation,
    Opportunity,
    Status,
)

# Learning completed longer ago than this is no longer asked about.
ASK_FOR = dt.timedelta(days=180)
AWAITING_LIMIT = 20


@dataclass(frozen=True)
class Figures:
    """Answers added up: how many, how many rated it 4 or 5, how many would recommend it,
    the mean rating (1 to 5)."""

    label: str
    answers: int
    useful: int
    recommend: int
    mean: float | None
    slug: str = ""


def own_booking(*, person: User, pk: int) -> Booking:
    found = (
        Booking.objects.filter(pk=pk, learner=person)
        .select_related("session__opportunity__organisation")
        .first()
    )
    if found is None:
        raise Http404("No such booking.")
    return found


def awaiting(person: User, today: dt.date) -> list[Completion]:
    """The person's verified completions of the last six months not yet evaluated, newest
    first (two queries)."""
    since = today - ASK_FOR
    completions = list(
        Completion.objects.filter(
            learner=person, state=CompletionState.VERIFIED, completed_on__gte=since
        )
        .filter(Q(booking__isnull=True) | Q(booking__attendance=Attendance.ATTENDED))
        .select_related("opportunity__organisation")
        .order_by("-completed_on", "-pk")[:100]
    )
    given = set(
        Evaluation.objects.filter(learner=person).values_list("opportunity_id", "booking_id")
    )
    waiting, seen = [], set()
    for c in completions:
        key = (c.opportunity_id, c.booking_id)
        if key in given or key in seen:
            continue
        seen.add(key)
        waiting.append(c)
    return waiting[:AWAITING_LIMIT]


AGGREGATES = {
    "answers": Count("id"),
    "useful": Count("id", filter=Q(usefulness__gte=4)),
    "recommend": Count("id", filter=Q(would_recommend=True)),
    "mean": Avg("usefulness"),
}


def for_provider(organisation: Organisation) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(opportunity__organisation=organisation)


def by_listing(organisation: Organisation) -> list[Figures]:
    rows = (
        for_provider(organisation)
        .values("opportunity__title", "opportunity__slug")
        .annotate(**AGGREGATES)
        .order_by("opportunity__title")
    )
    return [
        Figures(
            label=row["opportunity__title"],
            answers=row["answers"],
            useful=row["useful"],
            recommend=row["recommend"],
            mean=row["mean"],
            slug=row["opportunity__slug"],
        )
        for row in rows
    ]


def by_month(
    organisation: Organisation, today: dt.date, listing: Opportunity | None = None
) -> list[tuple[dt.date, Figures]]:
    """The last twelve months' figures, month by month (months without answers left out)."""
    start = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    found = for_provider(organisation).filter(created_at__date__gte=start)
    if listing is not None:
        found = found.filter(opportunity=listing)
    rows = list(
        found.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(**AGGREGATES)
        .order_by("month")
    )
    return [
        (
            row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"],
            Figures("", row["answers"], row["useful"], row["recommend"], row["mean"]),
        )
        for row in rows
    ]


def listing_totals(listing: Opportunity) -> tuple[Figures, dict[int, int]]:
    """One listing's figures and how many gave each rating (1 to 5)."""
    found = Evaluation.objects.filter(opportunity=listing)
    totals = found.aggregate(**AGGREGATES)
    spread = dict(found.values("usefulness").annotate(n=Count("id")).values_list("usefulness", "n"))
    return (
        Figures(
            listing.title, totals["answers"], totals["useful"], totals["recommend"], totals["mean"]
        ),
        {score: spread.get(score, 0) for score in range(5, 0, -1)},
    )


def listing_words(listing: Opportunity) -> tuple[list[str], list[str]]:
    """What people wrote (what changed, other comments), without who wrote it or when, in
    alphabetical order so the order gives no one away."""
    found = Evaluation.objects.filter(opportunity=listing)
    changed = sorted(t for t in found.values_list("what_changed", flat=True) if t)
    comments = sorted(t for t in found.values_list("comment", flat=True) if t)
    return changed, comments


def evaluable_listing(*, slug: str) -> Opportunity:
    """A listing a learner may have completed: published, or withdrawn since (not a draft)."""
    found = Opportunity.objects.exclude(status=Status.DRAFT).filter(slug=slug).first()
    if found is None:
        raise Http404("No such learning.")
    return found


def export(person: User) -> list[dict[str, object]]:
    """The person's evaluations for their data download (``oneworkforce.personal_data``)."""
    return [
        {
            "learning": e.opportunity.title,
            "session": e.booking.session.starts_at.isoformat() if e.booking else None,
            "usefulness": e.usefulness,
            "what_will_change": e.what_changed,
            "would_recommend": e.would_recommend,
            "comment": e.comment,
            "given_at": e.created_at.isoformat(),
        }
        for e in Evaluation.objects.filter(learner=person).select_related(
            "opportunity", "booking__session"
        )
    ]
