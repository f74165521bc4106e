"""What waits on a person in learning, for the signed-in home (core.home): for partner admins
completions to verify and places to approve at each of their partners; for everyone their next
sessions, the places they have been offered and the training their job roles need that has
expired or expires within 60 days (and no place is held on learning that renews it)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.home import Task
from oneworkforce.partners.models import User

from .evaluations import selectors as evaluation_selectors
from .models import (
    Booking,
    BookingState,
    Completion,
    CompletionState,
    JobRole,
)
from .records import compliance
from .workforce import selectors as workforce_selectors

# A person's own coming bookings and offers are few; more than this many is not a person's.
LIMIT = 200


def tasks(user: User, today: dt.date) -> list[Task]:
    """At most twelve queries, whatever the number of bookings, completions and job roles."""
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
    training = _training_due(user, today)
    if training is not None:
        found.append(training)
    evaluate = evaluation_selectors.awaiting(user, today)
    if evaluate:
        found.append(
            Task(
                capability="Learning",
                title="Learning to evaluate: tell the provider how useful it was",
                count=len(evaluate),
                since=evaluate[-1].completed_on,
                href=reverse("learning:my"),
                action="Give your evaluation",
                detail=f"Latest: {evaluate[0].opportunity.title}",
            )
        )
    for organisation, teams, people in workforce_selectors.teams_to_follow_up(user):
        found.append(
            Task(
                capability="Learning",
                title="People in the teams you manage with training expired or not done",
                count=people,
                href=reverse("learning:workforce", kwargs={"slug": organisation.slug}),
                action="See your teams' training",
                detail=f"{', '.join(teams)} at {organisation.name}",
            )
        )
    return found


def _training_due(user: User, today: dt.date) -> Task | None:
    """Training the person's job roles need that has expired or expires within 60 days, each
    requirement once, by the same rule as their own page (records.compliance.evaluate), in
    seven queries however many job roles, requirements and completions there are."""
    job_roles = list(
        JobRole.objects.filter(members=user)
        .select_related("organisation")
        .prefetch_related("requirements")
    )
    if not job_roles:
        return None
    partners = {j.organisation_id for j in job_roles}
    periods = compliance.shorter_periods(partners)
    accepted = compliance.accepted_by_each(partners)
    evidence = compliance.learner_evidence(user)
    booked = compliance.booked_requirements(user)
    due: dict[int, tuple[dt.date, bool]] = {}  # requirement: (expires, expired)
    for job_role in job_roles:
        requirements = list(job_role.requirements.all())
        standings = compliance.evaluate(
            requirement_ids=[r.pk for r in requirements],
            evidence=evidence,
            validity_months={
                r.pk: periods.get((job_role.organisation_id, r.pk), r.validity_months)
                for r in requirements
            },
            accepted_issuers=accepted[job_role.organisation_id],
            today=today,
            booked=booked,
        )
        for standing in standings:
            if standing.shown in ("expiring", "expired") and standing.expires_on is not None:
                earlier = due.get(standing.requirement_id)
                if earlier is None or standing.expires_on < earlier[0]:
                    due[standing.requirement_id] = (
                        standing.expires_on,
                        standing.state == "expired",
                    )
    if not due:
        return None
    return Task(
        capability="Learning",
        title="Training your job roles need: expired or expiring within 60 days",
        count=len(due),
        since=min(expires for expires, _ in due.values()),
        upcoming=not any(expired for _, expired in due.values()),
        overdue=any(expired for _, expired in due.values()),
        href=reverse("learning:my"),
        action="Find learning that renews it",
    )
