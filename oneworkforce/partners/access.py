"""Who may do what with the partnership's own records: the predicates and the view decorators
built on them. Views, selectors and the API use these, so each rule is written once.

- ``public``: anyone, signed in or not (the front page, directory, partner and framework pages,
  faculties, signing in).
- ``signed_in``: any signed-in person, for their own account.
- ``any_admin``: a partnership admin or a partner admin of some partner (the management page,
  recording and withdrawing signatures).
- ``organisation_admin``: pages under ``/partners/<slug>/``: that partner's admins or a
  partnership admin; the view receives the organisation.
- ``partnership_admin``: the partnership's own settings (partners, roles, faculties,
  frameworks, the audit log).
"""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from oneworkforce.core.permissions import (
    View,
    any_admin,
    is_any_admin,
    is_partnership_admin,
    partnership_admin,
    public,
    signed_in,
)

from .models import Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneworkforce.partners.models import User

__all__ = [
    "any_admin",
    "can_administer",
    "is_any_admin",
    "is_partnership_admin",
    "organisation_admin",
    "partnership_admin",
    "public",
    "signed_in",
]


def can_administer(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """The partner's own admins, and partnership admins, look after a partner."""
    return bool(user.is_authenticated and user.administers(organisation))


def organisation_admin(view: View) -> View:
    """For views under ``/partners/<slug>/``: the view receives the organisation, and only its
    partner admins or a partnership admin get in."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = get_object_or_404(Organisation, slug=slug)
        if not can_administer(request.user, organisation):
            raise PermissionDenied
        return view(request, organisation, *args, **kwargs)

    wrapper.access = "organisation_admin"  # type: ignore[attr-defined]
    return wrapper
