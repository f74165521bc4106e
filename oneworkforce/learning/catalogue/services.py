"""Catalogue workflows: a provider saves, publishes and withdraws its listings. Each runs in one
transaction and writes the audit log; each refusal is a :class:`ServiceError` with a message a
provider can act on, and changes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.partners.models import Organisation, User

from ..bookings.services import session_bookings_cancel
from ..models import (
    Opportunity,
    Status,
    model_fields,
)

OPPORTUNITY_FIELDS = model_fields(
    Opportunity, "search_title", "search_body", "created_at", "updated_at"
)


def _refresh_search(opportunity: Opportunity) -> None:
    topics = " ".join(t.name for t in opportunity.topics.all())
    requirements = " ".join(str(r) for r in opportunity.requirements.all())
    opportunity.search_title = opportunity.title
    opportunity.search_body = " ".join(
        [
            opportunity.summary,
            opportunity.who_can_take,
            opportunity.accreditation,
            opportunity.organisation.name,
            opportunity.get_kind_display(),
            topics,
            requirements,
        ]
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(
        search_title=opportunity.search_title, search_body=opportunity.search_body
    )


@transaction.atomic
def opportunity_save(
    *,
    actor: User,
    organisation: Organisation,
    opportunity: Opportunity | None = None,
    topics: Iterable[Any] = (),
    faculties: Iterable[Any] = (),
    requirements: Iterable[Any] = (),
    **fields: Any,
) -> Opportunity:
    """Create a draft listing for ``organisation`` or change one of its listings."""
    if opportunity is None:
        opportunity = Opportunity(organisation=organisation, owner=actor)
        action, before = "learning.opportunity_created", {}
    else:
        if opportunity.organisation_id != organisation.pk:
            raise ServiceError("This listing belongs to another partner.")
        action, before = (
            "learning.opportunity_changed",
            audit.snapshot_stored(opportunity, OPPORTUNITY_FIELDS),
        )
    for name, value in fields.items():
        setattr(opportunity, name, value)
    if not opportunity.slug:
        opportunity.slug = unique_slug(Opportunity, opportunity.title, fallback="learning")
    opportunity.save()
    opportunity.topics.set(topics)
    opportunity.faculties.set(faculties)
    opportunity.requirements.set(requirements)
    _refresh_search(opportunity)
    changes = audit.diff(before, audit.snapshot(opportunity, OPPORTUNITY_FIELDS))
    audit.record(
        actor=actor, action=action, obj=opportunity, changes=changes, organisation=organisation
    )
    return opportunity


@transaction.atomic
def opportunity_publish(*, actor: User, opportunity: Opportunity) -> Opportunity:
    if opportunity.status == Status.PUBLISHED:
        raise ServiceError("This listing is already published.")
    opportunity.status = Status.PUBLISHED
    opportunity.published_at = timezone.now()
    opportunity.withdrawn_at = None
    opportunity.withdrawal_reason = ""
    opportunity.save(update_fields=["status", "published_at", "withdrawn_at", "withdrawal_reason"])
    audit.record(
        actor=actor,
        action="learning.opportunity_published",
        obj=opportunity,
        organisation=opportunity.organisation,
    )
    return opportunity


@transaction.atomic
def opportunity_withdraw(*, actor: User, opportunity: Opportunity, reason: str) -> int:
    """Withdraw a listing: its future sessions are cancelled and everyone booked or waiting is
    told. Returns how many people were told."""
    if opportunity.status == Status.WITHDRAWN:
        raise ServiceError("This listing has already been withdrawn.")
    if not reason.strip():
        raise ServiceError("Say why the listing is withdrawn.", field="reason")
    now = timezone.now()
    opportunity.status = Status.WITHDRAWN
    opportunity.withdrawn_at = now
    opportunity.withdrawal_reason = reason.strip()
    opportunity.save(update_fields=["status", "withdrawn_at", "withdrawal_reason"])
    told = 0
    for session in opportunity.sessions.select_for_update().upcoming(now):
        told += session_bookings_cancel(session=session, now=now)
    audit.record(
        actor=actor,
        action="learning.opportunity_withdrawn",
        obj=opportunity,
        changes={"reason": reason.strip(), "learners_told": told},
        organisation=opportunity.organisation,
    )
    return told
