"""Reads for the schools pages: coverage of the place's secondary schools and colleges, the
ambassadors' register with release days used, and recent visits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from oneworkforce.talent.models import Campaign, Channel

from ..models import Ambassador, School, SchoolVisit

RECENT_DAYS = 365


@dataclass(frozen=True)
class Coverage:
    schools: int  # open secondary schools and colleges
    covered: int  # with an active assigned ambassador and a visit in the last 12 months
    with_ambassador: int
    visited: int
    without: list[School]
    days_agreed: Decimal
    days_used: Decimal

    @property
    def share(self) -> float | None:
        return self.covered / self.schools if self.schools else None


def _since(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=RECENT_DAYS)


def coverage(today: dt.date | None = None) -> Coverage:
    today = today or timezone.localdate()
    recent = SchoolVisit.objects.filter(school=OuterRef("pk"), on__gte=_since(today), on__lte=today)
    assigned = Ambassador.schools.through.objects.filter(
        school=OuterRef("pk"), ambassador__is_active=True
    )
    schools = list(
        School.objects.in_scope().annotate(visited=Exists(recent), assigned=Exists(assigned))
    )
    covered = [s for s in schools if s.visited and s.assigned]
    days = ambassadors_with_days(today)
    return Coverage(
        schools=len(schools),
        covered=len(covered),
        with_ambassador=sum(1 for s in schools if s.assigned),
        visited=sum(1 for s in schools if s.visited),
        without=[s for s in schools if not (s.visited and s.assigned)],
        days_agreed=sum((a.release_days_agreed for a in days), Decimal(0)),
        days_used=sum((a.days_used or Decimal(0) for a in days), Decimal(0)),
    )


def ambassadors_with_days(today: dt.date | None = None) -> list[Ambassador]:
    """Active ambassadors, each with the release days their visits used in the last 12 months
    (``days_used``) and how many schools they are assigned (``school_count``)."""
    today = today or timezone.localdate()
    used = (
        SchoolVisit.objects.filter(ambassadors=OuterRef("pk"), on__gte=_since(today), on__lte=today)
        .order_by()
        .values("ambassadors")
        .annotate(days=Sum("release_days"))
        .values("days")
    )
    return list(
        Ambassador.objects.filter(is_active=True)
        .select_related("organisation")
        .annotate(
            days_used=Subquery(used, output_field=DecimalField(max_digits=6, decimal_places=1)),
            school_count=Count("schools", distinct=True),
        )
        .order_by("organisation__name", "name")
    )


def recent_visits(limit: int = 20) -> QuerySet[SchoolVisit]:
    return (
        SchoolVisit.objects.select_related("school", "campaign")
        .prefetch_related("ambassadors")
        .order_by("-on", "-pk")[:limit]
    )


def in_scope_schools() -> QuerySet[School]:
    return School.objects.in_scope()


def active_ambassadors() -> QuerySet[Ambassador]:
    return Ambassador.objects.filter(is_active=True).select_related("organisation")


def school_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.filter(channel=Channel.SCHOOL).order_by("-starts_on")


def ambassador_for(*, pk: int) -> Ambassador:
    found = Ambassador.objects.select_related("organisation").filter(pk=pk).first()
    if found is None:
        raise Http404("No such ambassador")
    return found
