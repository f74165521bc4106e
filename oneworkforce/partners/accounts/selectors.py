"""Reads of a person's own account."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from oneworkforce import personal_data
from oneworkforce.partners.access import is_partnership_admin

from ..models import Affiliation, Organisation, User


def personal_data_export(user: User) -> dict[str, Any]:
    """Everything the service holds about a person, for the 'your data' page and its download:
    every holding in the personal-data map (``oneworkforce.personal_data``)."""
    return personal_data.export(user)


def account_overview(user: User) -> dict[str, Any]:
    """What the account page lists: the partners a person asked to be linked to (newest
    first), their roles, and whether they look after any partner."""
    affiliations = user.affiliations.select_related("organisation").order_by("-requested_at")
    administers_a_partner = (
        is_partnership_admin(user) or Organisation.objects.administered_by(user).exists()
    )
    return {
        "affiliations": list(affiliations),
        "grants": list(user.role_grants.active().select_related("organisation", "faculty")),
        "administers_a_partner": administers_a_partner,
    }


def open_affiliation_for(*, user: User, pk: int) -> Affiliation:
    """One of this person's own open links to a partner, or 404."""
    return get_object_or_404(user.affiliations.open(), pk=pk)
