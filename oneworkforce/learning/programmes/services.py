"""Programme workflows: a provider makes a programme, adds, orders and removes its steps and
publishes it; a learner enrols. Each runs in one transaction and is audited; a refusal is a
:class:`ServiceError` naming the field, and nothing is written."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.partners.access import can_administer
from oneworkforce.partners.models import Organisation, User

from ..models import (
    AcceptedIssuer,
    Opportunity,
    Programme,
    ProgrammeEnrolment,
    ProgrammeStep,
    Status,
)
from .selectors import standing


def _audit(actor: User, action: str, programme: Programme, **changes: object) -> None:
    audit.record(
        actor=actor,
        action=f"learning.{action}",
        obj=programme,
        changes=changes or None,
        organisation=programme.organisation,
    )


def _check_details(title: str, summary: str) -> None:
    if not title.strip():
        raise ServiceError("Enter the programme's name.", field="title")
    if not summary.strip():
        raise ServiceError("Say what the programme is and who it is for.", field="summary")


@transaction.atomic
def programme_create(
    *, actor: User, organisation: Organisation, title: str, summary: str, optional_needed: int = 0
) -> Programme:
    _check_details(title, summary)
    if optional_needed:
        raise ServiceError(
            "A new programme has no optional steps yet: add them first.", field="optional_needed"
        )
    programme = Programme.objects.create(
        organisation=organisation,
        slug=unique_slug(Programme, title, fallback="programme"),
        title=title.strip(),
        summary=summary.strip(),
    )
    _audit(actor, "programme_created", programme, title=programme.title)
    return programme


@transaction.atomic
def programme_update(
    *, actor: User, programme: Programme, title: str, summary: str, optional_needed: int
) -> Programme:
    _check_details(title, summary)
    optional = programme.steps.filter(required=False).count()
    if optional_needed > optional:
        raise ServiceError(
            f"The programme has {optional} optional steps: a learner cannot complete more "
            "than that.",
            field="optional_needed",
        )
    changes = {
        name: value
        for name, value in (
            ("title", title.strip()),
            ("summary", summary.strip()),
            ("optional_needed", optional_needed),
        )
        if getattr(programme, name) != value
    }
    for name, value in changes.items():
        setattr(programme, name, value)
    if changes:
        programme.save(update_fields=list(changes))
        _audit(actor, "programme_changed", programme, **changes)
    return programme


def may_include(programme: Programme, opportunity: Opportunity) -> bool:
    """A programme takes its own partner's listings, and those of partners whose learning its
    partner has agreed to accept as its own (its accepted providers)."""
    return opportunity.organisation_id == programme.organisation_id or (
        AcceptedIssuer.objects.filter(
            organisation_id=programme.organisation_id, issuer_id=opportunity.organisation_id
        ).exists()
    )


@transaction.atomic
def step_add(
    *, actor: User, programme: Programme, opportunity: Opportunity, required: bool = True
) -> ProgrammeStep:
    if opportunity.status != Status.PUBLISHED:
        raise ServiceError("Choose a published listing.", field="listing")
    if not may_include(programme, opportunity):
        raise ServiceError(
            f"{opportunity.title} is {opportunity.organisation.name}'s listing, and "
            f"{programme.organisation.name} has not agreed to accept their learning: add them "
            "to the providers you accept first.",
            field="listing",
        )
    if programme.steps.filter(opportunity=opportunity).exists():
        raise ServiceError(
            f"{opportunity.title} is already a step of this programme.", field="listing"
        )
    last = programme.steps.aggregate(last=Max("position"))["last"] or 0
    step = ProgrammeStep.objects.create(
        programme=programme, opportunity=opportunity, position=last + 1, required=required
    )
    _audit(actor, "programme_step_added", programme, listing=opportunity.slug, required=required)
    return step


@transaction.atomic
def step_remove(*, actor: User, step: ProgrammeStep) -> None:
    programme = step.programme
    if programme.status == Status.PUBLISHED and programme.steps.count() == 1:
        raise ServiceError("A published programme needs at least one step.", field="step")
    optional_left = programme.steps.filter(required=False).exclude(pk=step.pk).count()
    if programme.optional_needed > optional_left:
        raise ServiceError(
            f"Learners must complete {programme.optional_needed} optional steps: lower that "
            "number before removing this one.",
            field="step",
        )
    step.delete()
    _audit(actor, "programme_step_removed", programme, listing=step.opportunity.slug)


@transaction.atomic
def step_move(*, actor: User, step: ProgrammeStep, earlier: bool) -> None:
    """Swap the step with the one before it (``earlier``) or after it; the ends stay put."""
    steps = list(step.programme.steps.select_for_update().order_by("position", "id"))
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    other = index - 1 if earlier else index + 1
    if not 0 <= other < len(steps):
        return
    steps[index], steps[other] = steps[other], steps[index]
    for position, each in enumerate(steps, start=1):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])
    _audit(actor, "programme_step_moved", step.programme, listing=step.opportunity.slug)


@transaction.atomic
def programme_publish(*, actor: User, programme: Programme) -> Programme:
    if programme.status == Status.PUBLISHED:
        raise ServiceError("This programme is already published.")
    steps = list(programme.steps.select_related("opportunity"))
    if not steps:
        raise ServiceError(
            "Add at least one step: an empty programme cannot be published.", field="steps"
        )
    if programme.optional_needed > sum(not s.required for s in steps):
        raise ServiceError(
            "Learners are asked for more optional steps than the programme has.",
            field="optional_needed",
        )
    if not any(s.required for s in steps) and not programme.optional_needed:
        raise ServiceError(
            "Make at least one step required, or say how many optional steps a learner must "
            "complete: otherwise no one can complete the programme.",
            field="steps",
        )
    unpublished = [s.opportunity.title for s in steps if s.opportunity.status != Status.PUBLISHED]
    if unpublished:
        raise ServiceError(
            "These steps' listings are not published: " + ", ".join(unpublished) + ".",
            field="steps",
        )
    programme.status = Status.PUBLISHED
    programme.published_at = timezone.now()
    programme.save(update_fields=["status", "published_at"])
    _audit(actor, "programme_published", programme)
    return programme


@transaction.atomic
def enrolment_create(*, actor: User, programme: Programme) -> ProgrammeEnrolment:
    """Enrol the learner; one who left (or whose enrolment was withdrawn) enrols again on the
    same enrolment, keeping its certificate code, and their steps already done count at once."""
    if programme.status != Status.PUBLISHED:
        raise ServiceError("This programme is not open for enrolment.")
    enrolment, created = ProgrammeEnrolment.objects.get_or_create(
        programme=programme, learner=actor
    )
    if not created and not enrolment.withdrawn:
        raise ServiceError("You are already enrolled on this programme.")
    action = "programme_enrolled"
    if not created:
        action = "programme_re_enrolled"
        enrolment.enrolled_at = timezone.now()
        enrolment.withdrawn_at = None
        enrolment.withdrawn_by = None
        enrolment.withdrawal_reason = ""
        enrolment.save(
            update_fields=["enrolled_at", "withdrawn_at", "withdrawn_by", "withdrawal_reason"]
        )
    audit.record(
        actor=actor,
        action=f"learning.{action}",
        obj=enrolment,
        changes={"programme": programme.slug},
        organisation=programme.organisation,
    )
    return enrolment


REASON_LIMIT = 500


def _withdraw(
    actor: User, enrolment: ProgrammeEnrolment, reason: str, action: str
) -> ProgrammeEnrolment:
    if enrolment.withdrawn:
        raise ServiceError("This enrolment has already been withdrawn.", field="enrolment")
    result = standing(learner=enrolment.learner, programme=enrolment.programme).progress
    if result.complete:
        raise ServiceError(
            "The programme is complete for this learner: there is nothing to withdraw.",
            field="enrolment",
        )
    enrolment.withdrawn_at = timezone.now()
    enrolment.withdrawn_by = actor
    enrolment.withdrawal_reason = reason
    enrolment.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    audit.record(
        actor=actor,
        action=f"learning.{action}",
        obj=enrolment,
        changes={
            "programme": enrolment.programme.slug,
            "steps_done": result.counted,
            **({"reason": reason} if reason else {}),
        },
        organisation=enrolment.programme.organisation,
    )
    return enrolment


@transaction.atomic
def enrolment_leave(*, actor: User, enrolment: ProgrammeEnrolment) -> ProgrammeEnrolment:
    """The learner leaves a programme. Their completions (and so their learning record and CPD
    log) are untouched, and they may enrol again later."""
    if enrolment.learner_id != actor.pk:
        raise ServiceError("This is not your enrolment.", field="enrolment")
    return _withdraw(actor, enrolment, "", "programme_left")


@transaction.atomic
def enrolment_withdraw(
    *, actor: User, enrolment: ProgrammeEnrolment, reason: str
) -> ProgrammeEnrolment:
    """The programme's provider withdraws a learner's enrolment, saying why (the learner sees
    the reason on the programme's page)."""
    if not can_administer(actor, enrolment.programme.organisation):
        raise ServiceError(
            "Only the programme's provider can withdraw a learner's enrolment.",
            field="enrolment",
        )
    reason = reason.strip()
    if not reason:
        raise ServiceError(
            "Say why the enrolment is withdrawn: the learner sees it.", field="reason"
        )
    if len(reason) > REASON_LIMIT:
        raise ServiceError(
            f"The reason can be at most {REASON_LIMIT} characters (it has {len(reason)}).",
            field="reason",
        )
    return _withdraw(actor, enrolment, reason, "programme_enrolment_withdrawn")
