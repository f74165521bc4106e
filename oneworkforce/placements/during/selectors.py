"""Reads for practice hours."""

from __future__ import annotations

from django.db.models import Q

from oneworkforce.partners.models import User

from ..models import HoursEntry


def hours_to_confirm(user: User) -> list[HoursEntry]:
    """Hours waiting for this person's confirmation as a supervisor (or the partner's admin)."""
    if not user.is_authenticated:
        return []
    mine = Q(placement__environment__supervisors__user=user)
    if user.administered_organisation_ids:
        mine |= Q(placement__environment__organisation_id__in=user.administered_organisation_ids)
    return list(
        HoursEntry.objects.filter(mine, confirmed_at__isnull=True)
        .select_related("placement__student")
        .distinct()
        .order_by("worked_on")[:50]
    )
