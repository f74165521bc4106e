"""Reads for the careers pages: the role catalogue (packaged roles plus the partnership's local
roles, when the CAREERS_LOCAL_ROLES setting names a file)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404

from oneworkforce.partners.choices import JobFamily

from .catalogue import Catalogue, Role, load_catalogue


def catalogue() -> Catalogue:
    """The catalogue in use (checked when the site starts: see ``careers.checks``)."""
    local = settings.CAREERS_LOCAL_ROLES or None
    return load_catalogue(local, job_families=JobFamily.values)


def role_for(*, code: str) -> Role:
    """The role with this code, or 404."""
    role = catalogue().role(code)
    if role is None:
        raise Http404("No such role")
    return role
