"""What waits on a person in placements, for the signed-in home (core.home): placements to
confirm (education providers' and partners' admins), students' hours to confirm (supervisors
and partners' admins), learning environments with no educational audit or one that has
lapsed or falls due within 90 days, and, for coordinators, blocks starting within 60 days
still to allocate."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.urls import reverse

from oneworkforce.core.home import Task
from oneworkforce.partners.access import is_partnership_admin
from oneworkforce.partners.models import User

from .environments.presenters import AUDIT_WARNING_DAYS
from .models import (
    AllocationRun,
    Block,
    EducationalAudit,
    HoursEntry,
    LearningEnvironment,
    Placement,
    PlacementRequest,
    PlacementStatus,
)

CAPABILITY = "Placements"
SOON = dt.timedelta(days=60)


def _admin_tasks(ids: set[int], today: dt.date) -> list[Task]:
    home = reverse("placements:home")
    confirm = (
        Placement.objects.filter(status=PlacementStatus.PROPOSED)
        .filter(
            Q(student__programme__provider_id__in=ids, provider_confirmed_at__isnull=True)
            | Q(environment__organisation_id__in=ids, partner_confirmed_at__isnull=True)
        )
        .aggregate(n=Count("id", distinct=True), oldest=Min("run__run_at"))
    )
    latest = EducationalAudit.objects.filter(environment=OuterRef("pk")).order_by(
        "-audited_on", "-pk"
    )
    audits = (
        LearningEnvironment.objects.filter(organisation_id__in=ids, is_active=True)
        .annotate(due=Subquery(latest.values("review_due")[:1]))
        .filter(Q(due__isnull=True) | Q(due__lte=today + dt.timedelta(days=AUDIT_WARNING_DAYS)))
        .aggregate(n=Count("id"), first=Min("due"))
    )
    return [
        Task(
            capability=CAPABILITY,
            title="Placements to confirm",
            count=confirm["n"],
            since=confirm["oldest"],
            href=home,
            action="Confirm placements",
        ),
        Task(
            capability=CAPABILITY,
            title="Learning environments with no educational audit, or one lapsed or due",
            count=audits["n"],
            since=audits["first"],
            upcoming=audits["first"] is not None and audits["first"] >= today,
            overdue=audits["first"] is not None and audits["first"] < today,
            href=reverse("placements:environments"),
            action="Record an audit",
        ),
    ]


def tasks(user: User, today: dt.date) -> list[Task]:
    """At most four queries, whatever the number of placements."""
    ids = user.administered_organisation_ids
    found = _admin_tasks(ids, today) if ids else []
    hours = HoursEntry.objects.filter(confirmed_at__isnull=True).filter(
        Q(placement__environment__supervisors__user=user)
        | Q(placement__environment__organisation_id__in=ids)
    )
    waiting = hours.aggregate(n=Count("id", distinct=True), oldest=Min("worked_on"))
    found.append(
        Task(
            capability=CAPABILITY,
            title="Students' practice hours to confirm",
            count=waiting["n"],
            since=waiting["oldest"],
            href=reverse("placements:home"),
            action="Confirm hours",
        )
    )
    if is_partnership_admin(user):
        due = (
            Block.objects.filter(starts_on__gte=today, starts_on__lte=today + SOON)
            .filter(Exists(PlacementRequest.objects.filter(block=OuterRef("pk"))))
            .exclude(Exists(AllocationRun.objects.filter(block=OuterRef("pk"))))
            .aggregate(n=Count("id"), first=Min("starts_on"))
        )
        found.append(
            Task(
                capability=CAPABILITY,
                title="Blocks starting within 60 days that are not allocated yet",
                count=due["n"],
                since=due["first"],
                upcoming=True,
                href=reverse("placements:blocks"),
                action="Run the allocation",
            )
        )
    return found
