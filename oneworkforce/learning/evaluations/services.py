"""Evaluation workflows: a learner evaluates learning they attended or completed (once per
booking, or per listing for learning taken any time), and the invitations to do so. Refusals
are :class:`ServiceError` messages and write nothing. The audit log records that an evaluation
was given, never its answers, and is not shared with the provider (it would name who answered).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import User

from ..bookings import mail
from ..models import Attendance, Booking, Completion, CompletionState, Evaluation, Opportunity
from .presenters import evaluation_url

INVITE_WITHIN = dt.timedelta(days=14)


def refusal(*, actor: User, opportunity: Opportunity, booking: Booking | None) -> str | None:
    """Why the person may not evaluate this (``None`` when they may)."""
    if booking is not None:
        if booking.learner_id != actor.pk:
            return "This is not your booking."
        if booking.attendance == Attendance.ABSENT:
            return (
                "You can only evaluate a session you attended: the provider recorded that you "
                "did not attend this one."
            )
        if booking.attendance != Attendance.ATTENDED:
            return (
                "You can evaluate this session once the provider has recorded that you attended it."
            )
        if Evaluation.objects.filter(learner=actor, booking=booking).exists():
            return "You have already evaluated this session. Thank you."
        return None
    if opportunity.is_dated:
        return "Evaluate a session you attended from your bookings on My learning."
    if not Completion.objects.filter(
        learner=actor, opportunity=opportunity, state=CompletionState.VERIFIED
    ).exists():
        return "You can evaluate this learning once it is in your record as completed."
    if Evaluation.objects.filter(
        learner=actor, opportunity=opportunity, booking__isnull=True
    ).exists():
        return "You have already evaluated this learning. Thank you."
    return None


@transaction.atomic
def evaluation_submit(
    *,
    actor: User,
    opportunity: Opportunity,
    booking: Booking | None,
    usefulness: int,
    would_recommend: bool,
    what_changed: str = "",
    comment: str = "",
) -> Evaluation:
    if booking is not None:
        # A row lock, so two submissions at once cannot both pass the check below.
        booking = Booking.objects.select_for_update().select_related("session").get(pk=booking.pk)
        opportunity = booking.session.opportunity
    reason = refusal(actor=actor, opportunity=opportunity, booking=booking)
    if reason is not None:
        raise ServiceError(reason)
    if not 1 <= usefulness <= 5:
        raise ServiceError("Choose how useful it was, from 1 to 5", field="usefulness")
    evaluation = Evaluation.objects.create(
        learner=actor,
        opportunity=opportunity,
        booking=booking,
        usefulness=usefulness,
        would_recommend=would_recommend,
        what_changed=what_changed.strip(),
        comment=comment.strip(),
    )
    audit.record(
        actor=actor,
        action="learning.evaluation_given",
        obj=evaluation,
        label=f"Evaluation of {opportunity.title}",
    )
    return evaluation


def invitations_send(now: dt.datetime) -> int:
    """E-mail each learner once per completion verified in the last two weeks and not yet
    evaluated, with a link to the evaluation (the ``learning-evaluation-invitations`` job)."""
    recent = (
        Completion.objects.verified()
        .filter(created_at__gte=now - INVITE_WITHIN, learner__is_active=True)
        .select_related("learner", "opportunity")
    )
    sent = 0
    for completion in recent.iterator(chunk_size=500):
        done = Evaluation.objects.filter(learner_id=completion.learner_id)
        done = (
            done.filter(booking_id=completion.booking_id)
            if completion.booking_id
            else done.filter(opportunity_id=completion.opportunity_id, booking__isnull=True)
        )
        if done.exists():
            continue
        title = completion.opportunity.title
        sent += mail.send_once(
            key=f"evaluation-invitation:{completion.pk}",
            booking_or_learner=completion.learner,
            subject=f"How useful was {title}?",
            lines=[
                f"You recently completed {title}. Four short questions tell the provider how "
                "useful it was; they see answers only added up with at least four other people's, "
                "never your name.",
                f"Give your evaluation: {settings.SITE_URL}{evaluation_url(completion)}",
            ],
        )
    return sent


def evaluations_forget(*, user: User) -> int:
    """The person deleted their account: their ratings stay in the providers' figures without
    the link to them, and their words go."""
    return Evaluation.objects.filter(learner=user).update(learner=None, what_changed="", comment="")
