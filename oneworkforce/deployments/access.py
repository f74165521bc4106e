"""Who may do what in deployments, apprenticeships and employ-and-deploy. Views, services,
selectors and the API all ask these predicates; the decorators are built on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneworkforce.core.permissions import requires
from oneworkforce.partners.access import can_administer
from oneworkforce.partners.choices import Role

from .models import Agreement, Apprentice, Cohort, Deployment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneworkforce.partners.models import User

# Staff portability ---------------------------------------------------------------------------


def works_with_partners(user: User | AnonymousUser) -> bool:
    """Partnership admins and partner admins: they see open needs, raise them and offer people."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_partnership_admin or user.administered_organisation_ids)
    )


def involved(user: User, deployment: Deployment) -> bool:
    """Admins of the host or the employer, partnership admins, and the person themselves."""
    if user.pk == deployment.person_id or user.administers(deployment.host):
        return True
    return deployment.employer is not None and user.administers(deployment.employer)


def hosts(user: User, deployment: Deployment) -> bool:
    """Admins of the host (and partnership admins): accept the person named, start it."""
    return bool(user.administers(deployment.host))


def lends(user: User, deployment: Deployment) -> bool:
    """Admins of the employer of record, once one is named (and partnership admins)."""
    return deployment.employer is not None and bool(user.administers(deployment.employer))


def closes(user: User, deployment: Deployment) -> bool:
    """The host's or the employer's admins end, decline or cancel a deployment."""
    return hosts(user, deployment) or lends(user, deployment)


# Apprenticeships ----------------------------------------------------------------------------


def coordinates(user: User | AnonymousUser, cohort: Cohort | None = None) -> bool:
    """Partnership admins and talent coordinators coordinate cohorts: create them, add
    placements and apprentices, allocate and override. A coordinator whose role is scoped to a
    partner coordinates the cohorts that partner belongs to."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_partnership_admin:
        return True
    if cohort is None:
        return user.has_role(Role.TALENT_COORDINATOR)
    return any(
        user.has_role(Role.TALENT_COORDINATOR, organisation=o) for o in cohort.partners.all()
    )


def views_cohort(user: User | AnonymousUser, cohort: Cohort) -> bool:
    """Coordinators, and partner admins of a cohort partner or of its training provider, see
    the whole cohort and its plan."""
    if coordinates(user, cohort):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    ids = user.administered_organisation_ids
    if cohort.training_provider_id in ids:
        return True
    return cohort.partners.filter(pk__in=ids).exists()


def views_apprentice(user: User | AnonymousUser, apprentice: Apprentice) -> bool:
    """The apprentice themself (when linked to an account) and everyone who sees the cohort."""
    if getattr(user, "is_authenticated", False) and apprentice.person_id == user.pk:
        return True
    return views_cohort(user, apprentice.cohort)


def ranks_for(user: User | AnonymousUser, apprentice: Apprentice) -> bool:
    """Who may record an apprentice's ranked choices: the apprentice and coordinators."""
    if getattr(user, "is_authenticated", False) and apprentice.person_id == user.pk:
        return True
    return coordinates(user, apprentice.cohort)


# Employ and deploy ---------------------------------------------------------------------------


def can_manage(user: User | AnonymousUser, agreement: Agreement) -> bool:
    """Admins of the lead employer (and partnership admins) change an agreement."""
    return can_administer(user, agreement.lead_employer)


# Decorators ----------------------------------------------------------------------------------

coordinator = requires(lambda user: coordinates(user), "apprenticeship_coordinator")
