"""Reads for the management pages: a partner's people, roles and the audit log."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from oneworkforce.core.models import AuditEvent

from ..choices import AffiliationStatus
from ..models import Affiliation, Organisation, RoleGrant, User


def people_for_organisation(organisation: Organisation) -> dict[str, list[Affiliation]]:
    affiliations = (
        Affiliation.objects.for_organisation(organisation)
        .select_related("user")
        .order_by("requested_at")
    )
    grouped: dict[str, list[Affiliation]] = {"pending": [], "confirmed": [], "past": []}
    for affiliation in affiliations:
        key = affiliation.status if affiliation.status in ("pending", "confirmed") else "past"
        grouped[key].append(affiliation)
    return grouped


def active_role_grants() -> QuerySet:
    return (
        RoleGrant.objects.active()
        .select_related("user", "organisation", "faculty")
        .order_by("role", "user__email")
    )


def audit_events(
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    organisation: Organisation | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet:
    events = AuditEvent.objects.select_related("actor", "organisation")
    if actor:
        events = events.filter(actor__email__icontains=actor.strip())
    if action:
        events = events.filter(action__icontains=action.strip())
    if object_type:
        events = events.filter(object_type__icontains=object_type.strip())
    if organisation is not None:
        events = events.filter(organisation=organisation)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events


def administered_with_pending(user: User) -> QuerySet:
    """The partners this person looks after, each with ``pending_count``."""
    return Organisation.objects.administered_by(user).annotate_pending()


def pending_affiliation_for(*, organisation: Organisation, pk: int) -> Affiliation:
    """A request to be linked to this partner still waiting for a decision, or 404."""
    return get_object_or_404(
        Affiliation.objects.for_organisation(organisation).select_related("user"),
        pk=pk,
        status=AffiliationStatus.PENDING,
    )


def active_grant_for(*, pk: int) -> RoleGrant:
    """A role not yet removed, or 404."""
    return get_object_or_404(RoleGrant.objects.active(), pk=pk)
