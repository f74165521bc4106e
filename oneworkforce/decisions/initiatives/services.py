"""Funded initiatives: their measures, and the 30/60/90-day and 12-month reviews.

Each function takes keyword-only arguments, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit, formatting
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import User

from .. import access
from ..models import (
    Checkpoint,
    Initiative,
    InitiativeReview,
    InitiativeStatus,
    Measure,
    ReviewDecision,
)


def _refuse_before_open(initiative: Initiative, checkpoint: int, what: str) -> None:
    """Refuse a checkpoint's review or values before its window opens."""
    opens = initiative.review_opens(checkpoint)
    if timezone.localdate() < opens:
        raise ServiceError(
            f"{what} {Checkpoint(checkpoint).label} can be recorded from {formatting.date(opens)}"
            f" (it falls due on {formatting.date(initiative.review_due(checkpoint))}, "
            f"{Checkpoint(checkpoint).label} after the start on "
            f"{formatting.date(initiative.started_on)}).",
            field="checkpoint",
        )


@transaction.atomic
def measure_add(
    *, actor: User, initiative: Initiative, name: str, baseline: Any, target: Any
) -> Measure:
    if not access.can_manage_initiative(actor, initiative):
        raise ServiceError("Only the initiative's owner or a partnership admin can add measures.")
    measure = Measure.objects.create(
        initiative=initiative, name=name, baseline=baseline, target=target
    )
    audit.record(
        actor=actor,
        action="measure.added",
        obj=measure,
        changes=audit.diff({}, audit.snapshot(measure, ("name", "baseline", "target"))),
    )
    return measure


@transaction.atomic
def measure_record(*, actor: User, measure: Measure, checkpoint: int, value: Any) -> Measure:
    if not access.can_manage_initiative(actor, measure.initiative):
        raise ServiceError(
            "Only the initiative's owner or a partnership admin can record measures."
        )
    if checkpoint not in (30, 60, 90, 365):
        raise ServiceError("Choose 30, 60 or 90 days or 12 months.", field="checkpoint")
    _refuse_before_open(measure.initiative, checkpoint, "Values for")
    field = f"value_{checkpoint}"
    before = audit.snapshot(measure, (field,))
    setattr(measure, field, value)
    measure.save(update_fields=[field])
    audit.record(
        actor=actor,
        action="measure.recorded",
        obj=measure,
        changes=audit.diff(before, audit.snapshot(measure, (field,))),
    )
    return measure


@transaction.atomic
def initiative_review(
    *, actor: User, initiative: Initiative, checkpoint: int, decision: str, reason: str, spent: int
) -> InitiativeReview:
    """Record a review. Stopping ends the initiative and gives the unspent money back."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not access.is_partnership_admin(actor):
        raise ServiceError("Only partnership admins review initiatives.")
    if initiative.status != InitiativeStatus.ACTIVE:
        raise ServiceError("This initiative has been stopped.")
    if checkpoint not in (30, 60, 90, 365):
        raise ServiceError("Choose 30, 60 or 90 days or 12 months.", field="checkpoint")
    if initiative.reviews.filter(checkpoint=checkpoint).exists():
        raise ServiceError("This checkpoint has already been reviewed.", field="checkpoint")
    _refuse_before_open(initiative, checkpoint, "The review at")
    if not initiative.measures.exists():
        raise ServiceError(
            "Add at least one measure, with its baseline and target, before the first review: "
            "a review judges the initiative against its measures."
        )
    if not 0 <= spent <= initiative.allocated:
        raise ServiceError(
            f"Spending must be between £0 and the £{initiative.allocated:,} allocated.",
            field="spent",
        )
    review = InitiativeReview.objects.create(
        initiative=initiative,
        checkpoint=checkpoint,
        decision=decision,
        reason=reason,
        reviewer=actor,
    )
    before = audit.snapshot(initiative, ("spent", "status", "returned"))
    initiative.spent = spent
    if decision == ReviewDecision.STOP:
        initiative.status = InitiativeStatus.STOPPED
        initiative.returned = initiative.allocated - spent
    initiative.save(update_fields=["spent", "status", "returned"])
    audit.record(
        actor=actor,
        action="initiative.reviewed",
        obj=initiative,
        changes={
            "checkpoint": {"from": None, "to": checkpoint},
            "decision": {"from": None, "to": decision},
            **audit.diff(before, audit.snapshot(initiative, ("spent", "status", "returned"))),
        },
    )
    return review
