"""What waits on a partner admin in staff portability, for the signed-in home (core.home):
deployments still to agree or check, and vouched-for checks that lapse within a month."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min, Q
from django.urls import reverse

from oneworkforce.core.home import Task
from oneworkforce.partners.models import User

from .models import Deployment, DeploymentState, Evidence

SOON = dt.timedelta(days=30)


def tasks(user: User, today: dt.date) -> list[Task]:
    """At most two queries, whatever the number of deployments."""
    ids = user.administered_organisation_ids
    if not ids:
        return []
    href = reverse("deployments:deployments")
    waiting = Deployment.objects.filter(
        Q(host_id__in=ids) | Q(employer_id__in=ids),
        state__in=[DeploymentState.REQUESTED, DeploymentState.AGREED],
    ).aggregate(n=Count("id"), oldest=Min("raised_at"))
    lapsing = Evidence.objects.filter(
        Q(deployment__host_id__in=ids) | Q(deployment__employer_id__in=ids),
        deployment__state__in=[DeploymentState.READY, DeploymentState.ACTIVE],
        valid_until__isnull=False,
        valid_until__lte=today + SOON,
    ).aggregate(n=Count("id"), first=Min("valid_until"))
    return [
        Task(
            capability="Staff portability",
            title="Deployments waiting for agreement or checks",
            count=waiting["n"],
            since=waiting["oldest"],
            href=href,
            action="Agree or record the checks",
        ),
        Task(
            capability="Staff portability",
            title="Checks on running deployments that have lapsed or lapse within 30 days",
            count=lapsing["n"],
            since=lapsing["first"],
            upcoming=lapsing["first"] is not None and lapsing["first"] >= today,
            overdue=lapsing["first"] is not None and lapsing["first"] < today,
            href=href,
            action="Renew the checks",
        ),
    ]
