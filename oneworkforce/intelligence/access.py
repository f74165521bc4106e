"""Who may do what in workforce intelligence.

* National figures and indicators are official statistics: open to everyone.
* Partners' local figures (vacancies, exit reasons, social care workforce) are shared inside the
  partnership: any signed-in person sees them; a partner's admins and analysts, and partnership
  admins and partnership-wide analysts, record them for that partner.
* Planners (partnership admins, analysts, partner admins) import national files (partnership
  admins and partnership-wide analysts only), see import provenance and build scenarios.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from oneworkforce.core.permissions import requires
from oneworkforce.partners.choices import Role

from .local.selectors import active_partner

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneworkforce.partners.models import User

View = Callable[..., HttpResponse]


def is_partnership_analyst(user: User | AnonymousUser) -> bool:
    """Partnership admins and analysts whose grant is not limited to one organisation."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_partnership_admin:
        return True
    return any(g.role == Role.ANALYST and g.organisation_id is None for g in user._active_grants())


def is_planner(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(
        user.is_partnership_admin
        or user.has_role(Role.ANALYST)
        or user.administered_organisation_ids
    )


def records_for(user: User | AnonymousUser, organisation: Any) -> bool:
    """May ``user`` record local figures for ``organisation``?"""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(
        user.administers(organisation) or user.has_role(Role.ANALYST, organisation=organisation)
    )


def recordable_organisation_ids(user: User) -> set[int] | None:
    """Organisations the user may record for; ``None`` means every one."""
    if is_partnership_analyst(user):
        return None
    ids = set(user.administered_organisation_ids)
    ids |= {
        g.organisation_id
        for g in user._active_grants()
        if g.role == Role.ANALYST and g.organisation_id is not None
    }
    return ids


def can_edit(user: User | AnonymousUser, scenario: Any) -> bool:
    """May ``user`` change ``scenario``? Planners change their own; partnership admins any."""
    return bool(
        user.is_authenticated
        and is_planner(user)
        and (scenario.created_by_id == user.pk or user.is_partnership_admin)
    )


planner = requires(is_planner, "planner")
partnership_analyst = requires(is_partnership_analyst, "partnership_analyst")


def partner_recorder(view: View) -> View:
    """For ``/intelligence/local/<slug>/...``: the view receives the partner; only those who may
    record its figures (:func:`records_for`) get in."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = active_partner(slug)
        if not records_for(request.user, organisation):
            raise PermissionDenied
        return view(request, organisation, *args, **kwargs)

    wrapper.access = "records_for"  # type: ignore[attr-defined]
    return wrapper
