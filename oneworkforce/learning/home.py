"""What waits on a person in learning, for the signed-in home (core.home): for partner admins
completions to verify and places to approve at each of their partners; for everyone their next
sessions and the places they have been offered."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.home import Task
from oneworkforce.partners.models import User

from .models import Booking, BookingState, Completion, CompletionState


def tasks(user: User, today: dt.date) -> list[Task]:
    """At most four queries, whatever the number of bookings and completions."""
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
    coming = (
        Booking.objects.filter(learner=user, state=BookingState.BOOKED, session__starts_at__gte=now)
        .select_related("session__opportunity")
        .order_by("session__starts_at")
    )
    first = coming.first()
    if first is not None:
        found.append(
            Task(
                capability="Learning",
                title="Your next sessions",
                count=coming.count(),
                since=first.session.starts_at,
                upcoming=True,
                href=reverse("learning:my"),
                action="See your bookings",
                detail=f"Next: {first.session.opportunity.title}",
            )
        )
    offers = Booking.objects.filter(
        learner=user, state=BookingState.OFFERED, offer_expires_at__gte=now
    ).aggregate(n=Count("id"), first=Min("offer_expires_at"))
    found.append(
        Task(
            capability="Learning",
            title="Places offered to you: accept them before the offer lapses",
            count=offers["n"],
            since=offers["first"],
            upcoming=True,
            href=reverse("learning:my"),
            action="Accept or decline",
        )
    )
    return found
