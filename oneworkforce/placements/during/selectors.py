"""Reads for practice hours."""

from __future__ import annotations

from django.db.models import Q, Sum

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


def hours_record(user: User) -> dict[str, float]:
    """A student's practice hours across every placement and provider."""
    if not user.is_authenticated:
        return {"recorded": 0.0, "confirmed": 0.0}
    rows = HoursEntry.objects.filter(placement__student__user=user)
    recorded = rows.aggregate(total=Sum("hours"))["total"] or 0
    confirmed = rows.filter(confirmed_at__isnull=False).aggregate(total=Sum("hours"))["total"] or 0
    return {"recorded": float(recorded), "confirmed": float(confirmed)}
