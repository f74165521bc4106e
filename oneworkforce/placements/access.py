"""Who may do what with placements: the predicates and the view decorators built on them.
Views, services and the API use these, so each rule is written once.

- ``signed_in``: any signed-in person (their own placements; the partnership's capacity
  figures, which hold no one's personal data; the list of learning environments).
- ``coordinator``: the partnership's placements coordinators (partnership admins): blocks,
  allocation runs, changing a placement.
- ``organisation_admin``: pages under ``/placements/partners/<slug>/``: that partner's admins
  (a placement partner or an education provider) or a partnership admin.
- ``environment_admin``: an environment's pages for its partner's admins.
- ``supervisor_admin``: a supervisor's pages for their environment's partner's admins.
- ``placement_viewer``: a placement's page for its student, the student's education provider,
  the environment's partner and supervisors, and coordinators.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from oneworkforce.core.permissions import View, requires, signed_in
from oneworkforce.partners.access import can_administer, is_partnership_admin, organisation_admin
from oneworkforce.partners.choices import Role

from .models import HoursEntry, LearningEnvironment, Placement, Programme, Supervisor

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneworkforce.partners.models import Organisation, User

__all__ = [
    "can_confirm_hours",
    "can_confirm_placement",
    "can_manage_environment",
    "can_manage_programme",
    "can_see_partner_capacity",
    "can_see_placement",
    "coordinator",
    "environment_admin",
    "is_coordinator",
    "is_student",
    "organisation_admin",
    "placement_viewer",
    "programme_admin",
    "signed_in",
    "supervisor_admin",
]


def is_coordinator(user: User | AnonymousUser) -> bool:
    """Partnership admins coordinate placements across the partnership."""
    return is_partnership_admin(user)


def can_manage_environment(user: User | AnonymousUser, environment: LearningEnvironment) -> bool:
    return can_administer(user, environment.organisation)


def can_manage_programme(user: User | AnonymousUser, programme: Programme) -> bool:
    return can_administer(user, programme.provider)


def is_student(user: User | AnonymousUser, placement: Placement) -> bool:
    return bool(user.is_authenticated and placement.student.user_id == user.pk)


def supervises(user: User | AnonymousUser, placement: Placement) -> bool:
    """A supervisor or assessor named for the placement's environment."""
    return bool(
        user.is_authenticated
        and placement.environment.supervisors.filter(user=user, left_on__isnull=True).exists()
    )


def can_confirm_hours(user: User | AnonymousUser, placement: Placement) -> bool:
    """The environment's supervisors confirm hours (its partner's admins when none has an
    account)."""
    return supervises(user, placement) or can_manage_environment(user, placement.environment)


def can_confirm_placement(user: User | AnonymousUser, placement: Placement) -> bool:
    """The student's education provider and the environment's partner each confirm."""
    return can_manage_programme(user, placement.student.programme) or can_manage_environment(
        user, placement.environment
    )


def can_see_placement(user: User | AnonymousUser, placement: Placement) -> bool:
    return (
        is_student(user, placement)
        or is_coordinator(user)
        or can_confirm_placement(user, placement)
        or supervises(user, placement)
    )


def can_see_partner_capacity(user: User | AnonymousUser, organisation: Organisation) -> bool:
    return bool(
        user.is_authenticated and (user.administers(organisation) or user.has_role(Role.ANALYST))
    )


coordinator = requires(is_coordinator, "placements_coordinator")


def _object_view(
    model: Any, predicate: Callable[[Any, Any], bool], access: str
) -> Callable[[View], View]:
    """A decorator for views under ``.../<pk>/``: the view receives the object, and only
    people for whom ``predicate(user, object)`` holds get in."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            found = get_object_or_404(model, pk=pk)
            if not predicate(request.user, found):
                raise PermissionDenied
            return view(request, found, *args, **kwargs)

        wrapper.access = access  # type: ignore[attr-defined]
        return wrapper

    return decorator


environment_admin = _object_view(
    LearningEnvironment, can_manage_environment, "placements_environment_admin"
)
supervisor_admin = _object_view(
    Supervisor,
    lambda user, supervisor: can_manage_environment(user, supervisor.environment),
    "placements_environment_admin",
)
programme_admin = _object_view(Programme, can_manage_programme, "placements_programme_admin")
placement_viewer = _object_view(Placement, can_see_placement, "placements_placement_viewer")
placement_student = _object_view(Placement, is_student, "placements_student")
placement_confirmer = _object_view(Placement, can_confirm_placement, "placements_confirmer")
placement_supervisor = _object_view(Placement, can_confirm_hours, "placements_supervisor")
placement_coordinator = _object_view(
    Placement, lambda user, placement: is_coordinator(user), "placements_coordinator"
)
hours_supervisor = _object_view(
    HoursEntry,
    lambda user, entry: can_confirm_hours(user, entry.placement),
    "placements_supervisor",
)
