"""What waits on a person in the partnership itself, for the signed-in home (core.home)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min
from django.urls import reverse

from oneworkforce.core.home import Task

from .access import is_partnership_admin
from .choices import AffiliationStatus
from .models import Affiliation, User


def tasks(user: User, today: dt.date) -> list[Task]:
    """Partner admins confirm that people work with their partner (one item per partner, linked
    to its people page); partnership admins see every partner's in one item. One query."""
    pending = Affiliation.objects.filter(status=AffiliationStatus.PENDING)
    title = "People to confirm as working with your partner"
    if is_partnership_admin(user):
        found = pending.aggregate(n=Count("id"), oldest=Min("requested_at"))
        return [
            Task(
                capability="Partnership",
                title=title,
                count=found["n"],
                since=found["oldest"],
                href=reverse("partners:manage"),
                action="Confirm or decline them",
            )
        ]
    ids = user.administered_organisation_ids
    if not ids:
        return []
    return [
        Task(
            capability="Partnership",
            title=title,
            count=row["n"],
            since=row["oldest"],
            href=reverse("partners:people", kwargs={"slug": row["organisation__slug"]}),
            action="Confirm or decline them",
            detail=row["organisation__name"] if len(ids) > 1 else "",
        )
        for row in pending.filter(organisation_id__in=ids)
        .values("organisation__slug", "organisation__name")
        .annotate(n=Count("id"), oldest=Min("requested_at"))
        .order_by("organisation__name")
    ]
