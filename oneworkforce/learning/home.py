"""What waits on a person in learning, for the signed-in home (core.home): for partner admins
completions to verify and places to approve at each of their partners; for everyone their next
sessions and the places they have been offered."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.home import Task
from oneworkforce.partners.models import User

from .models import Booking, BookingState, Completion, CompletionState

# A person's own coming bookings and offers are few; more than this many is not a person's.
LIMIT = 200


def tasks(user: User, today: dt.date) -> list[Task]:
    """At most three queries, whatever the number of bookings and completions."""
    found: list[Task] = []
    ids = user.administered_organisation_ids
    if ids:
        # One row per partner with something waiting (bounded by the partners one administers).
        for row in (
            Completion.objects.filter(state=CompletionState.PENDING, issuer_id__in=ids)
            .values("issuer__slug", "issuer__name")
            .annotate(n=Count("id"), oldest=Min("created_at"))
            .order_by("issuer__name")
        ):
            found.append(
                Task(
                    capability="Learning",
                    title="Completions to verify",
                    count=row["n"],
                    since=row["oldest"],
                    href=reverse("learning:completions", kwargs={"slug": row["issuer__slug"]}),
                    action="Verify completions",
                    detail=row["issuer__name"] if len(ids) > 1 else "",
                )
            )
        for row in (
            Booking.objects.filter(
                state=BookingState.PENDING_APPROVAL, session__opportunity__organisation_id__in=ids
            )
            .values(
                "session__opportunity__organisation__slug",
                "session__opportunity__organisation__name",
            )
            .annotate(n=Count("id"), oldest=Min("created_at"))
            .order_by("session__opportunity__organisation__name")
        ):
            found.append(
                Task(
                    capability="Learning",
                    title="Places to approve",
                    count=row["n"],
                    since=row["oldest"],
                    href=reverse(
                        "learning:provider",
                        kwargs={"slug": row["session__opportunity__organisation__slug"]},
                    ),
                    action="Approve or decline places",
                    detail=row["session__opportunity__organisation__name"] if len(ids) > 1 else "",
                )
            )
    now = timezone.now()
    # One query for both: the person's bookings still to come and places offered to them.
    mine = list(
        Booking.objects.filter(
            Q(state=BookingState.BOOKED, session__starts_at__gte=now)
            | Q(state=BookingState.OFFERED, offer_expires_at__gte=now),
            learner=user,
        )
        .select_related("session__opportunity")
        .order_by("session__starts_at")[:LIMIT]
    )
    coming = [b for b in mine if b.state == BookingState.BOOKED]
    offers = [b for b in mine if b.state == BookingState.OFFERED]
    if coming:
        first = coming[0]
        found.append(
            Task(
                capability="Learning",
                title="Your next sessions",
                count=len(coming),
                since=first.session.starts_at,
                upcoming=True,
                href=reverse("learning:my"),
                action="See your bookings",
                detail=f"Next: {first.session.opportunity.title}",
            )
        )
    found.append(
        Task(
            capability="Learning",
            title="Places offered to you: accept them before the offer lapses",
            count=len(offers),
            since=min((b.offer_expires_at for b in offers if b.offer_expires_at), default=None),
            upcoming=True,
            href=reverse("learning:my"),
            action="Accept or decline",
        )
    )
    return found
