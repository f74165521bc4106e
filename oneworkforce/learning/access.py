"""Who may do what in learning: the predicates and the view decorators built on them. Views,
selectors, services and the API use these, so each rule is written once.

- ``public``: anyone, signed in or not (the catalogue, feeds, the certificate check).
- ``signed_in``: any signed-in person, for their own bookings, completions and record.
- ``any_admin``: a partner admin of some partner (the list of partners they manage).
- ``organisation_admin``: pages under ``/learning/manage/<partner>/``: that partner's admins or a
  partnership admin; the view receives the organisation.
- ``partnership_view``: the partnership's learning dashboard, for partnership admins and analysts.
- ``workforce_reader``: the compliance grid, its CSV and reminders under
  ``/learning/manage/<partner>/workforce/``: that partner's admins or a partnership admin (every
  person), or someone the partner named to manage teams (those teams' people only); the view
  receives the organisation and the teams (``None``: everyone).
"""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from oneworkforce.core.permissions import View, any_admin, public, requires, signed_in
from oneworkforce.partners.access import can_administer, organisation_admin
from oneworkforce.partners.choices import Role

from .workforce import selectors as workforce_selectors

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneworkforce.partners.models import User

__all__ = [
    "any_admin",
    "can_administer",
    "can_manage_listing",
    "can_see_dashboard",
    "organisation_admin",
    "partnership_view",
    "public",
    "signed_in",
    "workforce_reader",
]


def can_see_dashboard(user: User) -> bool:
    """Partnership admins and analysts see the partnership's learning figures."""
    return bool(user.is_partnership_admin or user.has_role(Role.ANALYST))


def can_manage_listing(user: User | AnonymousUser, opportunity: Any) -> bool:
    """The listing's partner admins (or a partnership admin): they may also preview it before
    it is published and after it is withdrawn."""
    return can_administer(user, opportunity.organisation)


partnership_view = requires(can_see_dashboard, "partnership_analyst")


def workforce_reader(view: View) -> View:
    """A partner's admins (and a partnership admin) see everyone on its workforce pages; a person
    it named to manage teams sees those teams' people; anyone else gets 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = workforce_selectors.partner(slug)
        if organisation is None:
            raise Http404("No such partner")
        teams = None
        if not can_administer(request.user, organisation):
            teams = workforce_selectors.teams_managed(request.user, organisation)
            if not teams:
                raise PermissionDenied
        return view(request, organisation, teams, *args, **kwargs)

    wrapper.access = "organisation_admin_or_team_manager"  # type: ignore[attr-defined]
    return wrapper
