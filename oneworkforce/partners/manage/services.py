"""Workflows of the management pages: deciding who works with a partner, and the roles the
partnership gives and removes.

Each function takes keyword-only arguments, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.access import can_administer, is_partnership_admin

from ..accounts.services import account_label
from ..choices import (
    ROLE_MAY_HAVE_ORGANISATION,
    ROLE_NEEDS_FACULTY,
    ROLE_NEEDS_ORGANISATION,
    AffiliationStatus,
    Role,
)
from ..models import Affiliation, Faculty, Organisation, RoleGrant, User


@transaction.atomic
def affiliation_decide(
    *, actor: User, affiliation: Affiliation, confirm: bool, note: str = ""
) -> Affiliation:
    if not can_administer(actor, affiliation.organisation):
        raise ServiceError("Only this partner's admins can confirm who works there.")
    if affiliation.status != AffiliationStatus.PENDING:
        raise ServiceError("This request has already been decided.")
    before = affiliation.status
    affiliation.status = AffiliationStatus.CONFIRMED if confirm else AffiliationStatus.DECLINED
    affiliation.decided_by = actor
    affiliation.decided_at = timezone.now()
    affiliation.decision_note = note
    affiliation.save()
    audit.record(
        actor=actor,
        action="affiliation.confirmed" if confirm else "affiliation.declined",
        obj=affiliation,
        organisation=affiliation.organisation,
        changes={"status": {"from": before, "to": affiliation.status}},
        label=f"{account_label(affiliation.user)} at {affiliation.organisation.name}",
    )
    return affiliation


@transaction.atomic
def role_grant(
    *,
    actor: User,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    faculty: Faculty | None = None,
) -> RoleGrant:
    if not is_partnership_admin(actor):
        raise ServiceError("Only partnership admins can give roles.")
    if role not in Role.values:
        raise ServiceError("Choose a role.", field="role")
    if role in ROLE_NEEDS_ORGANISATION and organisation is None:
        raise ServiceError("Choose the organisation this role is for.", field="organisation")
    if role not in ROLE_MAY_HAVE_ORGANISATION and organisation is not None:
        raise ServiceError("This role is not tied to one organisation.", field="organisation")
    if role in ROLE_NEEDS_FACULTY and faculty is None:
        raise ServiceError("Choose the faculty this role is for.", field="faculty")
    if role not in ROLE_NEEDS_FACULTY and faculty is not None:
        raise ServiceError("This role is not tied to a faculty.", field="faculty")
    if (
        RoleGrant.objects.active()
        .filter(user=user, role=role, organisation=organisation, faculty=faculty)
        .exists()
    ):
        raise ServiceError("This person already has this role.", field="role")
    grant = RoleGrant.objects.create(
        user=user, role=role, organisation=organisation, faculty=faculty, granted_by=actor
    )
    user.forget_cached_roles()
    audit.record(
        actor=actor,
        action="role.granted",
        obj=grant,
        organisation=organisation,
        changes=audit.diff({}, audit.snapshot(grant, ("user", "role", "organisation", "faculty"))),
        label=f"{grant} to {account_label(user)}",
    )
    return grant


@transaction.atomic
def role_revoke(*, actor: User, grant: RoleGrant) -> RoleGrant:
    if not is_partnership_admin(actor):
        raise ServiceError("Only partnership admins can remove roles.")
    if grant.revoked_at is not None:
        raise ServiceError("This role has already been removed.")
    if (
        grant.role == Role.PARTNERSHIP_ADMIN
        and RoleGrant.objects.active().filter(role=Role.PARTNERSHIP_ADMIN).count() == 1
    ):
        raise ServiceError("The partnership needs at least one partnership admin.")
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    grant.user.forget_cached_roles()
    audit.record(
        actor=actor,
        action="role.revoked",
        obj=grant,
        organisation=grant.organisation,
        changes={"revoked_at": {"from": None, "to": grant.revoked_at.isoformat()}},
        label=f"{grant} from {account_label(grant.user)}",
    )
    return grant
