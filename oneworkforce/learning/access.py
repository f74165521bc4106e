"""Who may do what in learning: the predicates and the view decorators built on them. Views,
selectors, services and the API use these, so each rule is written once.

- ``public``: anyone, signed in or not (the catalogue, feeds, the certificate check).
- ``signed_in``: any signed-in person, for their own bookings, completions and record.
- ``any_admin``: a partner admin of some partner (the list of partners they manage).
- ``organisation_admin``: pages under ``/learning/manage/<partner>/``: that partner's admins or a
  partnership admin; the view receives the organisation.
- ``partnership_view``: the partnership's learning dashboard, for partnership admins and analysts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oneworkforce.core.permissions import any_admin, public, requires, signed_in
from oneworkforce.partners.access import can_administer, organisation_admin
from oneworkforce.partners.choices import Role

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
]


def can_see_dashboard(user: User) -> bool:
    """Partnership admins and analysts see the partnership's learning figures."""
    return bool(user.is_partnership_admin or user.has_role(Role.ANALYST))


def can_manage_listing(user: User | AnonymousUser, opportunity: Any) -> bool:
    """The listing's partner admins (or a partnership admin): they may also preview it before
    it is published and after it is withdrawn."""
    return bool(user.is_authenticated and user.administers(opportunity.organisation))


partnership_view = requires(can_see_dashboard, "partnership_analyst")
