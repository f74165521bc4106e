"""Who sees what in the talent hub. Every view and API endpoint goes through these helpers.

- **Talent coordinators** (a partnership-wide role) run the hub: they see every candidate with
  barriers, cohort tags, equality monitoring and support, move applications, and record
  checkpoints for any partner.
- **Partner admins** see their own roles and the candidates put forward to them (from "put
  forward" on): contact details, interests, qualifications and the application. Never barriers,
  cohort tags, equality monitoring or support, and never another partner's applicants.
- **Partnership admins** see roles and applications at every partner as a partner admin would,
  and the outcomes dashboard; not the sensitive data unless they are also coordinators.
- **Candidates** have no account: they reach their own status page by a link sent by e-mail.

Outcome figures (dashboard, board report) are counts, open to coordinators, analysts and
admins; breakdowns small enough to point at a person are suppressed for everyone but
coordinators (``outcomes.SMALL``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from oneworkforce.core.permissions import requires
from oneworkforce.partners.choices import Role
from oneworkforce.partners.models import Organisation

from .models import (
    EMPLOYER_VISIBLE_STATES,
    Application,
    Campaign,
    Candidate,
    Checkpoint,
    CheckpointOutcome,
    RecruitmentEvent,
    Vacancy,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneworkforce.partners.models import User


def is_coordinator(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_role(Role.TALENT_COORDINATOR))


def sees_sensitive(user: User | AnonymousUser) -> bool:
    """Barriers, cohort tags, equality monitoring and support: talent coordinators only."""
    return is_coordinator(user)


def employer_ids(user: User) -> set[int] | None:
    """Organisations whose recruitment this person handles; ``None`` means every partner."""
    if is_coordinator(user) or user.is_partnership_admin:
        return None
    return set(user.administered_organisation_ids)


def is_recruiter(user: User) -> bool:
    """A coordinator, a partnership admin or a partner admin of at least one partner."""
    ids = employer_ids(user)
    return ids is None or bool(ids)


def reads_outcomes(user: User) -> bool:
    return is_recruiter(user) or user.has_role(Role.ANALYST)


coordinator = requires(is_coordinator, "talent_coordinator")
recruiter = requires(is_recruiter, "talent_recruiter")
outcomes_reader = requires(reads_outcomes, "talent_outcomes")


def organisations_for(user: User) -> QuerySet[Organisation]:
    """Active partners this person recruits for: every one for coordinators and the
    partnership admin, their own for a partner admin (alphabetical)."""
    ids = employer_ids(user)
    found = Organisation.objects.active().order_by("name")
    return found if ids is None else found.filter(pk__in=ids)


def vacancies_for(user: User) -> QuerySet[Vacancy]:
    found = Vacancy.objects.select_related("organisation")
    ids = employer_ids(user)
    return found if ids is None else found.filter(organisation_id__in=ids)


def applications_for(user: User) -> QuerySet[Application]:
    found = Application.objects.select_related("candidate", "vacancy__organisation")
    if is_coordinator(user):
        return found
    ids = employer_ids(user)
    if ids is None:  # partnership admin: every partner's, once put forward
        return found.filter(state__in=EMPLOYER_VISIBLE_STATES)
    return found.for_organisations(ids)


def candidates_for(user: User) -> QuerySet[Candidate]:
    if is_coordinator(user):
        return Candidate.objects.all()
    ids = employer_ids(user)
    if ids is None:
        return Candidate.objects.filter(applications__state__in=EMPLOYER_VISIBLE_STATES).distinct()
    return Candidate.objects.with_applications_at(ids)


def can_record_checkpoint(user: User, checkpoint: Checkpoint) -> bool:
    if is_coordinator(user):
        return True
    ids = employer_ids(user)
    if ids is None:
        return True
    if checkpoint.application.vacancy.organisation_id in ids:
        return True
    earlier = checkpoint.application.checkpoints.filter(
        months__lt=checkpoint.months, outcome=CheckpointOutcome.MOVED
    ).first()
    return earlier is not None and earlier.moved_to_id in ids


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def manages_event(user: User, event: RecruitmentEvent) -> bool:
    """Coordinators and the partnership admin manage every event; a partner admin those their
    partner organises."""
    ids = employer_ids(user)
    return ids is None or event.organiser_id in ids


def campaigns_for(user: User) -> QuerySet[Campaign]:
    """Campaigns this person may see: all for coordinators and the partnership admin, those
    their partner takes part in for a partner admin. Their pages carry counts, never people."""
    ids = employer_ids(user)
    found = Campaign.objects.all()
    return found if ids is None else found.filter(partners__in=ids).distinct()
