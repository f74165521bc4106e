"""Interviews: booked for an application from its vacancy's board (the candidate told by e-mail
with a calendar file), and their outcomes recorded.

Each function takes keyword-only arguments, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import User

from .. import access, common
from ..models import (
    Application,
    CaseNote,
    ContactWay,
    Interview,
    InterviewOutcome,
    PanelMember,
)
from ..pipeline import services as pipeline_services
from ..pipeline.states import State
from . import presenters, selectors


@transaction.atomic
def interview_book(
    *,
    actor: User,
    application: Application,
    starts_at: dt.datetime,
    minutes: int,
    place: str = "",
    link: str = "",
    panel: Sequence[User],
) -> Interview:
    """Book an interview. An application put forward moves on to "Interview"; the candidate is
    e-mailed the details with a calendar file when they have an e-mail address."""
    if not access.applications_for(actor).filter(pk=application.pk).exists():
        raise ServiceError("You cannot book interviews for this application.")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state not in presenters.BOOKABLE:
        raise ServiceError(
            "Interviews are booked once the candidate has been put forward to the employer.",
            field="day",
        )
    if starts_at <= timezone.now():
        raise ServiceError("The interview must be in the future.", field="day")
    if not 15 <= minutes <= selectors.LONGEST_MINUTES:
        raise ServiceError("An interview lasts between 15 minutes and 8 hours.", field="minutes")
    place, link = place.strip(), link.strip()
    if not place and not link:
        raise ServiceError("Enter where the interview is, or the link to join it.", field="place")
    members = list(panel)
    if not members:
        raise ServiceError("Choose at least one person for the panel.", field="panel")
    allowed = set(selectors.panel_choices(application.vacancy).values_list("pk", flat=True))
    if any(m.pk not in allowed for m in members):
        raise ServiceError("Choose the panel from the people listed.", field="panel")
    ends_at = starts_at + dt.timedelta(minutes=minutes)
    for other in selectors.clashes(members=members, starts_at=starts_at, ends_at=ends_at):
        busy = [p.member for p in other.panel.all() if p.member in members]
        raise ServiceError(
            f"{busy[0].display_name} is already on the panel of an interview for "
            f"{other.application.vacancy.title} on {presenters.when(other.starts_at)}, "
            "which overlaps this time.",
            field="panel",
        )
    if application.state == State.PUT_FORWARD.value:
        pipeline_services.application_move(
            actor=actor, application=application, to=State.INTERVIEW.value
        )
    interview = Interview.objects.create(
        application=application,
        starts_at=starts_at,
        minutes=minutes,
        place=place,
        link=link,
        booked_by=actor,
    )
    PanelMember.objects.bulk_create(PanelMember(interview=interview, member=m) for m in members)
    candidate = application.candidate
    if candidate.email:
        message = presenters.invitation(
            interview, candidate_name=candidate.full_name, site_url=settings.SITE_URL
        )
        email = EmailMessage(subject=message["subject"], body=message["body"], to=[candidate.email])
        email.attach("interview.ics", message["ics"], "text/calendar")
        # Sent once the booking is stored, so a failed transaction sends nothing.
        transaction.on_commit(email.send)
        interview.candidate_told_at = timezone.now()
        interview.save(update_fields=["candidate_told_at"])
    common.touch(candidate)
    audit.record(
        actor=actor,
        action="talent.interview_booked",
        obj=interview,
        organisation=application.vacancy.organisation,
        label=f"{candidate.reference} for {application.vacancy}",
        changes={
            "starts_at": {"from": None, "to": starts_at.isoformat()},
            "panel": {"from": None, "to": sorted(m.pk for m in members)},
        },
    )
    return interview


@transaction.atomic
def interview_outcome(
    *, actor: User, interview: Interview, outcome: str, note: str = ""
) -> Interview:
    """Record how an interview went (or that it was cancelled)."""
    if not access.applications_for(actor).filter(pk=interview.application_id).exists():
        raise ServiceError("You cannot record outcomes for this application.")
    if outcome not in InterviewOutcome.values or outcome == InterviewOutcome.PENDING:
        raise ServiceError("Choose how the interview went.", field="outcome")
    if outcome != InterviewOutcome.CANCELLED and interview.starts_at > timezone.now():
        raise ServiceError("Record how it went after the interview has started.", field="outcome")
    before = interview.outcome
    interview.outcome, interview.outcome_note = outcome, note.strip()
    interview.save(update_fields=["outcome", "outcome_note"])
    audit.record(
        actor=actor,
        action="talent.interview_outcome",
        obj=interview,
        organisation=interview.application.vacancy.organisation,
        label=f"{interview.application.candidate.reference} for {interview.application.vacancy}",
        changes={"outcome": {"from": before, "to": outcome}},
    )
    return interview


@transaction.atomic
def case_note_add(*, actor: User, application: Application, way: str, text: str) -> CaseNote:
    """Record a case note or a contact with the candidate on an application the person can see."""
    if not access.applications_for(actor).filter(pk=application.pk).exists():
        raise ServiceError("You cannot add notes to this application.")
    if way not in ContactWay.values:
        raise ServiceError("Choose how you were in touch, or a case note.", field="way")
    if not text.strip():
        raise ServiceError("Write what was said or done.", field="text")
    note = CaseNote.objects.create(
        application=application, way=way, text=text.strip(), author=actor
    )
    common.touch(application.candidate)
    audit.record(
        actor=actor,
        action="talent.case_note_added",
        obj=note,
        organisation=application.vacancy.organisation,
        label=f"{application.candidate.reference} for {application.vacancy}",
        changes={"way": {"from": None, "to": way}, "text": dict(audit.REDACTED)},
    )
    return note
