"""Offers of places, allocation runs, coordinators' changes and confirmations.

Each function takes keyword-only arguments, runs in one transaction, checks who may act and
writes the audit log. Everyone a change affects is told by e-mail.
"""

from __future__ import annotations

import dataclasses

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import User

from .. import access
from ..models import (
    AllocationRun,
    Block,
    LearningEnvironment,
    Offer,
    Placement,
    PlacementStatus,
    Profession,
)
from . import engine, selectors


def _tell(recipients: set[str], subject: str, body: str) -> None:
    addresses = sorted(a for a in recipients if a)
    if addresses:
        send_mail(subject, body, None, addresses)


def _people(placement: Placement) -> set[str]:
    """Everyone a placement's change concerns: the student, the provider's and the
    environment's contacts, its supervisors."""
    found = {placement.student.email}
    found |= {
        placement.student.programme.provider.contact_email,
        placement.environment.organisation.contact_email,
    }
    found |= set(
        placement.environment.supervisors.filter(left_on__isnull=True).values_list(
            "email", flat=True
        )
    )
    return found


@transaction.atomic
def offer_make(
    *, actor: User, environment: LearningEnvironment, block: Block, profession: str, places: int
) -> Offer:
    """Places for one profession in one block (0 withdraws the offer's places). Refused above
    the environment's places per block (with its other offers) or its supervisors' limit."""
    if not access.can_manage_environment(actor, environment):
        raise ServiceError("Only the environment's partner offers its places.")
    if profession not in environment.professions:
        label = Profession(profession).label if profession in Profession.values else profession
        raise ServiceError(
            f"{environment.name} does not take {label} students.", field="profession"
        )
    if places < 0:
        raise ServiceError("Places must be 0 or more.", field="places")
    others = selectors.offered_elsewhere(environment, block, profession)
    if others + places > environment.places_per_block:
        raise ServiceError(
            f"{environment.name} has {environment.places_per_block} place(s) a block and already"
            f" offers {others} for other professions in {block.name}: offer at most"
            f" {max(0, environment.places_per_block - others)}.",
            field="places",
        )
    supervised = selectors.supervision(environment, block, profession)
    if places > supervised:
        raise ServiceError(
            f"{environment.name}'s supervisors for this profession can take {supervised}"
            f" student(s) at once in {block.name} (preparation in date): offer at most"
            f" {supervised}, or name more supervisors first.",
            field="places",
        )
    offer, _ = Offer.objects.update_or_create(
        environment=environment,
        block=block,
        profession=profession,
        defaults={"places": places, "offered_by": actor},
    )
    audit.record(
        actor=actor,
        action="placements.offer_made",
        obj=offer,
        organisation=environment.organisation,
        changes={"places": {"from": None, "to": places}, "block": {"from": None, "to": block.pk}},
    )
    return offer


@transaction.atomic
def block_allocate(
    *, actor: User, block: Block, seed: int = 0, time_limit: float = 20.0
) -> AllocationRun:
    """Runs the rotation engine for ``block``: proposed placements are replaced, confirmed
    ones kept."""
    if not access.is_coordinator(actor):
        raise ServiceError("Only placements coordinators run the allocation.")
    built = selectors.block_input(block, seed=seed)
    if not built.data.students:
        raise ServiceError(f"No students are waiting for places in {block.name}.")
    if not built.data.offers:
        raise ServiceError(f"No partner has offered places in {block.name} yet.")
    result = engine.allocate(built.data, time_limit=time_limit)
    Placement.objects.filter(block=block, status=PlacementStatus.PROPOSED).delete()
    figures = {
        "status": result.status,
        "method": result.method,
        "seed": seed,
        "placed": len(result.placed),
        "unmet": result.unmet,
        "shares": [dataclasses.asdict(s) for s in result.shares],
        "worst": result.worst,
        "total": result.total,
        "worst_bound": result.worst_bound,
        "total_bound": result.total_bound,
        "problems": list(result.problems),
        # Students whose programme's setting mix cannot be met this year, with the reason.
        "requirements_unmet": built.mix_unmet,
    }
    run = AllocationRun.objects.create(
        block=block, run_by=actor, status=result.status, figures=figures
    )
    kept = set(
        Placement.objects.filter(block=block, status=PlacementStatus.CONFIRMED).values_list(
            "student_id", flat=True
        )
    )
    Placement.objects.bulk_create(
        Placement(
            student=built.students[p.student],
            block=block,
            request=built.requests[p.student],
            environment=built.offers[p.offer].environment,
            why_here=p.why,
            distance_km=p.distance_km,
            run=run,
        )
        for p in result.placed
        if built.students[p.student].pk not in kept
    )
    audit.record(
        actor=actor,
        action="placements.block_allocated",
        obj=run,
        changes={
            "placed": {"from": None, "to": len(result.placed)},
            "unmet": {"from": None, "to": len(result.unmet)},
        },
    )
    return run


@transaction.atomic
def placement_change(*, actor: User, placement: Placement, offer: Offer, reason: str) -> Placement:
    """A coordinator moves a student to another offer in the same block; the engine's checks
    run again on the whole block first, and everyone affected is told."""
    if not access.is_coordinator(actor):
        raise ServiceError("Only placements coordinators change placements.")
    reason = " ".join(reason.split())
    if not reason:
        raise ServiceError("Say why the placement changes.", field="reason")
    if offer.block_id != placement.block_id:
        raise ServiceError("Choose an offer in the placement's block.", field="offer")
    built = selectors.block_input(placement.block, year=False)
    by_environment = {(o.environment_id, o.profession): key for key, o in built.offers.items()}
    profession = placement.student.programme.profession
    assignment = {}
    for other in selectors.placements_in(placement.block):
        key = by_environment.get((other.environment_id, other.student.programme.profession))
        if key is not None and other.pk != placement.pk:
            assignment[str(other.student_id)] = key
    assignment[str(placement.student_id)] = str(offer.pk)
    data = built.data
    if str(placement.student_id) not in {s.id for s in data.students}:
        student = placement.student
        data = dataclasses.replace(
            data,
            students=(
                *data.students,
                engine.Student(
                    str(student.pk),
                    str(student.programme.provider_id),
                    profession,
                    student.programme.year,
                    name=student.name,
                    latitude=student.latitude,
                    longitude=student.longitude,
                    max_travel_minutes=student.programme.max_travel_minutes,
                ),
            ),
        )
    broken = engine.check(data, assignment)
    if broken:
        raise ServiceError("The change breaks a rule: " + " ".join(broken), field="offer")
    before = placement.environment
    placement.environment = offer.environment
    placement.changed_reason = reason
    placement.why_here = f"Changed by the placements coordinator: {reason}"
    placement.status = PlacementStatus.PROPOSED
    placement.provider_confirmed_at = None
    placement.partner_confirmed_at = None
    placement.supervisor = None
    placement.save()
    audit.record(
        actor=actor,
        action="placements.placement_changed",
        obj=placement,
        changes={"environment": {"from": before.pk, "to": offer.environment_id}},
    )
    _tell(
        _people(placement) | {before.organisation.contact_email},
        f"Placement changed: {placement.block.name}",
        f"A student's placement in {placement.block.name} moved from {before.name} to"
        f" {offer.environment.name}. Reason: {reason}",
    )
    return placement


@transaction.atomic
def placement_confirm(*, actor: User, placement: Placement) -> Placement:
    """The education provider's and the partner's confirmations; both make it confirmed."""
    now = timezone.now()
    changed = False
    if (
        access.can_manage_programme(actor, placement.student.programme)
        and not placement.provider_confirmed_at
    ):
        placement.provider_confirmed_at = now
        changed = True
    if (
        access.can_manage_environment(actor, placement.environment)
        and not placement.partner_confirmed_at
    ):
        placement.partner_confirmed_at = now
        changed = True
    if not changed:
        raise ServiceError("There is nothing for you to confirm on this placement.")
    if placement.status == PlacementStatus.CANCELLED:
        raise ServiceError("This placement has been cancelled.")
    if placement.provider_confirmed_at and placement.partner_confirmed_at:
        placement.status = PlacementStatus.CONFIRMED
    placement.save()
    audit.record(
        actor=actor,
        action="placements.placement_confirmed",
        obj=placement,
        changes={"status": {"from": None, "to": placement.status}},
    )
    if placement.status == PlacementStatus.CONFIRMED:
        _tell(
            _people(placement),
            f"Placement confirmed: {placement.block.name}",
            f"The placement at {placement.environment.name} in {placement.block.name} is"
            " confirmed by the education provider and the partner.",
        )
    return placement


@transaction.atomic
def placement_cancel(*, actor: User, placement: Placement, reason: str) -> Placement:
    if not access.is_coordinator(actor):
        raise ServiceError("Only placements coordinators cancel placements.")
    reason = " ".join(reason.split())
    if not reason:
        raise ServiceError("Say why the placement is cancelled.", field="reason")
    placement.status = PlacementStatus.CANCELLED
    placement.changed_reason = reason
    placement.save()
    audit.record(
        actor=actor,
        action="placements.placement_cancelled",
        obj=placement,
        changes={"status": {"from": None, "to": "cancelled"}},
    )
    _tell(
        _people(placement),
        f"Placement cancelled: {placement.block.name}",
        f"The placement at {placement.environment.name} in {placement.block.name} is cancelled."
        f" Reason: {reason}",
    )
    return placement
