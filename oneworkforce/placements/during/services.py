"""During a placement: practice hours and their confirmation, concerns routed to the named
contacts, and students' evaluations (low averages open an action on the audit).

Each function takes keyword-only arguments, runs in one transaction, checks who may act and
writes the audit log.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import User

from .. import access
from ..environments.presenters import LOW_SCORE, evaluation_summary
from ..models import (
    AuditAction,
    Concern,
    Evaluation,
    HoursEntry,
    LearningEnvironment,
    Placement,
    PlacementStatus,
)


@transaction.atomic
def hours_record(
    *, actor: User, placement: Placement, worked_on: dt.date, hours: Decimal, note: str = ""
) -> HoursEntry:
    if not access.is_student(actor, placement):
        raise ServiceError("Only the student records their own hours.")
    if placement.status == PlacementStatus.CANCELLED:
        raise ServiceError("This placement has been cancelled.")
    request = placement.request
    if not request.starts_on <= worked_on <= request.ends_on:
        raise ServiceError(
            f"The day must be within the placement ({request.starts_on:%-d %B %Y} to"
            f" {request.ends_on:%-d %B %Y}).",
            field="worked_on",
        )
    if worked_on > timezone.localdate():
        raise ServiceError("You cannot record hours for a day still to come.", field="worked_on")
    if not Decimal("0.5") <= hours <= Decimal("13"):
        raise ServiceError("Enter from 0.5 to 13 hours for one day.", field="hours")
    if HoursEntry.objects.filter(placement=placement, worked_on=worked_on).exists():
        raise ServiceError("You have already recorded hours for that day.", field="worked_on")
    entry = HoursEntry.objects.create(
        placement=placement, worked_on=worked_on, hours=hours, note=note.strip()
    )
    audit.record(
        actor=actor,
        action="placements.hours_recorded",
        obj=entry,
        changes={"hours": {"from": None, "to": str(hours)}},
    )
    return entry


@transaction.atomic
def hours_confirm(*, actor: User, entry: HoursEntry) -> HoursEntry:
    if not access.can_confirm_hours(actor, entry.placement):
        raise ServiceError("Only the placement's supervisors confirm its hours.")
    if entry.confirmed_at is not None:
        raise ServiceError("These hours are already confirmed.")
    entry.confirmed_by = actor
    entry.confirmed_at = timezone.now()
    entry.save()
    audit.record(
        actor=actor,
        action="placements.hours_confirmed",
        obj=entry,
        changes={"confirmed": {"from": False, "to": True}},
    )
    return entry


def concern_contacts(placement: Placement) -> list[str]:
    """Who a concern goes to: the partner's and the provider's contacts, and the
    environment's supervisors and assessors."""
    found = {
        placement.environment.organisation.contact_email,
        placement.student.programme.provider.contact_email,
    }
    found |= set(
        placement.environment.supervisors.filter(left_on__isnull=True).values_list(
            "email", flat=True
        )
    )
    return sorted(a for a in found if a)


@transaction.atomic
def concern_raise(*, actor: User, placement: Placement, text: str) -> Concern:
    if not (access.is_student(actor, placement) or access.can_confirm_hours(actor, placement)):
        raise ServiceError("Only the student and the placement's supervisors raise concerns here.")
    text = text.strip()
    if len(text) < 10:
        raise ServiceError("Describe the concern in a sentence or two.", field="text")
    contacts = concern_contacts(placement)
    concern = Concern.objects.create(
        placement=placement, raised_by=actor, text=text, routed_to=contacts
    )
    if contacts:
        send_mail(
            f"A concern about a placement at {placement.environment.name}",
            "A concern has been raised about a placement. Sign in to One Workforce to read it"
            " and respond; the text is not sent by e-mail.",
            None,
            contacts,
        )
    audit.record(
        actor=actor,
        action="placements.concern_raised",
        obj=concern,
        changes={"routed_to": {"from": None, "to": len(contacts)}},
    )
    return concern


@transaction.atomic
def evaluation_submit(
    *,
    actor: User,
    placement: Placement,
    welcome: int,
    supervision: int,
    learning: int,
    recommend: int,
    comment: str = "",
) -> Evaluation:
    """A student's evaluation of their own placement. When the environment then has at least
    ``MIN_ANSWERS`` answers and a question averages below ``LOW_SCORE``, an action opens on
    its latest audit."""
    if not access.is_student(actor, placement):
        raise ServiceError("Only a student placed there can evaluate this placement.")
    if Evaluation.objects.filter(placement=placement).exists():
        raise ServiceError("You have already evaluated this placement.")
    answers = {
        "welcome": welcome,
        "supervision": supervision,
        "learning": learning,
        "recommend": recommend,
    }
    for name, value in answers.items():
        if not 1 <= value <= 5:
            raise ServiceError("Choose an answer from 1 to 5.", field=name)
    made = Evaluation.objects.create(placement=placement, comment=comment.strip(), **answers)
    audit.record(actor=actor, action="placements.evaluation_submitted", obj=made, changes={})
    actions_from_evaluations(placement.environment)
    return made


def actions_from_evaluations(environment: LearningEnvironment) -> None:
    """Opens an action on the environment's latest audit for each question whose average,
    over at least ``MIN_ANSWERS`` answers, is below ``LOW_SCORE`` (once while it is open)."""
    scores = list(
        Evaluation.objects.filter(placement__environment=environment).values(*Evaluation.QUESTIONS)
    )
    summary = evaluation_summary(scores)
    latest = environment.audits.order_by("-audited_on", "-pk").first()
    if not summary["shown"] or latest is None:
        return
    for row in summary["rows"]:
        if not row["low"]:
            continue
        opening = f'Students\' evaluations: "{row["question"]}"'
        text = f"{opening} averages {row['average']} out of 5 (below {LOW_SCORE:g})"
        already = AuditAction.objects.filter(
            audit=latest,
            from_evaluations=True,
            closed_on__isnull=True,
            text__startswith=opening,
        ).exists()
        if not already:
            AuditAction.objects.create(
                audit=latest, text=text, opened_on=timezone.localdate(), from_evaluations=True
            )
