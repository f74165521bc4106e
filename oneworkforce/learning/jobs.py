"""Time-driven learning work for ``manage.py run_due_jobs``: offers that run out pass on,
reminders before sessions, and reminders before training a job role needs expires."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.jobs import register
from oneworkforce.partners.models import Organisation

from .bookings import mail, places, services
from .cpd import services as cpd
from .evaluations import services as evaluations
from .models import Booking, BookingState, JobRole, Session
from .records.compliance import job_role_compliance, learner_evidence
from .workforce import services as workforce
from .workforce import stored

SESSION_REMINDER_DAYS = 2
EXPIRY_REMINDER_DAYS = (60, 30)


@register("learning-offers", "Pass places not accepted in time to the next person waiting")
def lapse_offers(now: dt.datetime) -> int:
    return services.offers_lapse(now)


@register("learning-session-places", "Place upcoming sessions from postcode data loaded since")
def place_sessions(now: dt.datetime) -> int:
    return places.sessions_place()


@register(
    "learning-compliance-refresh",
    "Work out every partner's stored compliance grid again for today (training that comes to "
    "expire soon or expires, sessions that have started)",
)
def compliance_refresh(now: dt.datetime) -> int:
    return stored.everything_refresh(timezone.localdate(now))


@register("learning-compliance-figures", "Record each partner's training compliance for the day")
def compliance_figures(now: dt.datetime) -> int:
    day = timezone.localdate(now)
    partners = Organisation.objects.filter(job_roles__isnull=False).distinct()
    return sum(1 for p in partners if workforce.figure_record(organisation=p, day=day))


@register("learning-session-reminders", "Remind people booked on a session two days before")
def session_reminders(now: dt.datetime) -> int:
    soon = Session.objects.filter(
        cancelled_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + dt.timedelta(days=SESSION_REMINDER_DAYS),
    )
    sent = 0
    bookings = Booking.objects.filter(session__in=soon, state=BookingState.BOOKED).select_related(
        "learner", "session__opportunity__organisation", "session__site"
    )
    for booking in bookings:
        session = booking.session
        start = timezone.localtime(session.starts_at)
        sent += mail.send_once(
            key=f"session-reminder:{booking.pk}",
            booking_or_learner=booking,
            subject=f"Reminder: {session.opportunity.title} on {start:%-d %B}",
            lines=[
                f"You are booked on {session.opportunity.title} on {start:%A %-d %B at %H:%M}, "
                f"{session.where}.",
                "If you can no longer go, please cancel on your learning page so someone "
                "waiting can have the place.",
            ],
        )
    return sent


def _matching_link(requirement_code: str) -> str:
    return settings.SITE_URL + reverse("learning:search") + f"?requirement={requirement_code}"


@register("learning-expiry-reminders", "Remind people 60 and 30 days before training expires")
def expiry_reminders(now: dt.datetime) -> int:
    today = timezone.localdate(now)
    sent = 0
    job_roles = JobRole.objects.select_related("organisation").prefetch_related(
        "members", "requirements"
    )
    for job_role in job_roles:
        for learner in job_role.members.all():
            result = job_role_compliance(
                learner, job_role, today=today, evidence=learner_evidence(learner)
            )
            for standing in result.standings:
                if standing.expires_on is None or standing.state not in ("met", "expiring"):
                    continue
                days = (standing.expires_on - today).days
                due = [d for d in EXPIRY_REMINDER_DAYS if days <= d]
                if not due:
                    continue
                requirement = result.requirements[standing.requirement_id]
                window = min(due)
                sent += mail.send_once(
                    key=f"expiry:{learner.pk}:{requirement.pk}:{standing.expires_on}:{window}",
                    booking_or_learner=learner,
                    subject=f"{requirement} runs out on {standing.expires_on:%-d %B %Y}",
                    lines=[
                        f"Your {requirement} training, needed for {job_role.name} at "
                        f"{job_role.organisation.name}, runs out on "
                        f"{standing.expires_on:%-d %B %Y} (in {days} days).",
                        f"Find learning that renews it: {_matching_link(requirement.code)}",
                    ],
                )
    return sent


@register("learning-cpd-log", "Add verified completions made in bulk to their learners' CPD logs")
def cpd_log(now: dt.datetime) -> int:
    return cpd.completions_backfill()


@register("learning-evaluation-invitations", "Ask learners to evaluate what they completed")
def evaluation_invitations(now: dt.datetime) -> int:
    return evaluations.invitations_send(now)
