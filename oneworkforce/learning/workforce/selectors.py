"""Reads for workforce compliance: the partner's grid and its recorded figures."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from oneworkforce.partners.access import can_administer
from oneworkforce.partners.models import Organisation, User

from ..models import ComplianceFigure
from .grid import Grid, workforce_grid

HISTORY_DAYS = 400


def grid(organisation: Organisation, today: dt.date | None = None) -> Grid:
    return workforce_grid(organisation, today)


def figure_history(organisation: Organisation, today: dt.date) -> QuerySet[ComplianceFigure]:
    """The partner's recorded daily figures over the last 400 days, oldest first."""
    return ComplianceFigure.objects.filter(
        organisation=organisation, day__gt=today - dt.timedelta(days=HISTORY_DAYS)
    ).order_by("day")


def people(ids: list[int]) -> list[User]:
    """The people with these ids (already checked against the grid's rows)."""
    return list(User.objects.filter(pk__in=ids).order_by("pk"))


def administered(user: User, slug: str) -> Organisation | None:
    """The active partner with this slug if ``user`` administers it, else ``None``."""
    organisation = Organisation.objects.filter(slug=slug, is_active=True).first()
    return organisation if organisation is not None and can_administer(user, organisation) else None
