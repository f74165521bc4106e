"""Who may do what in careers: the predicates and the view decorators built on them.

- ``public``: anyone, signed in or not (the front door, careers, the job board, applying, the
  prospectus).
- ``partnership_view``: the schools register and its coverage, and the careers figures, for
  partnership admins, talent coordinators and analysts.
- ``partnership_edit``: changing the schools register, ambassadors and the prospectus text, for
  partnership admins and talent coordinators.
- ``schools_importer``: uploading the Get Information About Schools extract, for partnership
  admins only (it changes the whole register at once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneworkforce.core.permissions import public, requires
from oneworkforce.partners.choices import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneworkforce.partners.models import Organisation, User

__all__ = [
    "can_edit",
    "can_import_schools",
    "can_manage_job",
    "can_view",
    "partnership_edit",
    "partnership_view",
    "public",
    "schools_importer",
]


def can_view(user: User) -> bool:
    return bool(
        user.is_partnership_admin
        or user.has_role(Role.TALENT_COORDINATOR)
        or user.has_role(Role.ANALYST)
    )


def can_edit(user: User) -> bool:
    return bool(user.is_partnership_admin or user.has_role(Role.TALENT_COORDINATOR))


def can_import_schools(user: User) -> bool:
    return bool(user.is_partnership_admin)


def can_manage_job(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """The vacancy's partner admins, partnership admins and talent coordinators: they see the
    wording check on a job's public page."""
    return bool(
        user.is_authenticated
        and (user.administers(organisation) or user.has_role(Role.TALENT_COORDINATOR))
    )


partnership_view = requires(can_view, "partnership_careers_view")
partnership_edit = requires(can_edit, "partnership_careers_edit")
schools_importer = requires(can_import_schools, "partnership_careers_schools_import")
