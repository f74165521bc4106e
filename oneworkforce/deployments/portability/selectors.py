"""Reads for the staff portability pages and the API: the framework, the deployments each
person may see (404 when they may not), and the portability figures for partners (deployments
active and past, days deployed by partner and staff group, and how long it takes from raising a
need to having someone in place)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from oneworkforce.partners.access import is_partnership_admin
from oneworkforce.partners.choices import FrameworkKind
from oneworkforce.partners.models import Framework, Organisation, User

from ..access import involved, works_with_partners
from ..models import Deployment, DeploymentState, StaffGroup


def portability_framework() -> Framework | None:
    return Framework.objects.filter(kind=FrameworkKind.STAFF_PORTABILITY).order_by("pk").first()


def signatories_today(framework: Framework | None) -> int:
    """How many partners' signatures of the framework are in force today."""
    return framework.signatories.current().count() if framework else 0


def administered(user: User) -> QuerySet[Organisation]:
    """The active partners ``user`` administers (every one, for partnership admins)."""
    return Organisation.objects.administered_by(user).active()


def person_by_email(email: str) -> User | None:
    return User.objects.filter(email=email.lower()).first()


def deployment_for(*, user: User, pk: int) -> Deployment:
    """A deployment ``user`` is involved in: 404 for everyone else, so its existence is not
    given away."""
    deployment = get_object_or_404(
        Deployment.objects.select_related("host", "employer", "person", "framework", "site"), pk=pk
    )
    if not involved(user, deployment):
        raise Http404
    return deployment


def need_for(*, user: User, pk: int) -> Deployment:
    """Open needs are visible to the admins of every signatory, so they can offer someone."""
    found = get_object_or_404(Deployment.objects.select_related("host", "framework"), pk=pk)
    if not works_with_partners(user):
        raise PermissionDenied
    return found


def deployments_for(user: User) -> tuple[QuerySet[Deployment], QuerySet[Deployment]]:
    """The deployments the partners ``user`` administers host or lend (all, for partnership
    admins), newest first, and the open needs among the others."""
    mine = Deployment.objects.select_related("host", "employer", "person")
    if not is_partnership_admin(user):
        ids = user.administered_organisation_ids
        mine = mine.filter(host_id__in=ids) | mine.filter(employer_id__in=ids)
    open_needs = Deployment.objects.filter(
        state=DeploymentState.REQUESTED, person__isnull=True
    ).select_related("host")
    return mine.order_by("-raised_at")[:200], open_needs.exclude(pk__in=mine.values("pk"))[:100]


def report_for(user: User) -> Report:
    """The portability figures: a partner admin's own partners', a partnership admin's all."""
    return portability(None if is_partnership_admin(user) else user.administered_organisation_ids)


@dataclass(frozen=True)
class Report:
    active: int
    past: int
    days_by_host: list[tuple[str, int]]
    days_by_employer: list[tuple[str, int]]
    days_by_staff_group: list[tuple[str, int]]
    days_to_place: list[float]

    @property
    def median_days_to_place(self) -> float | None:
        return statistics.median(self.days_to_place) if self.days_to_place else None


def portability(scope: Iterable[int] | None) -> Report:
    """Figures for deployments the organisations in ``scope`` host or lend (all if ``None``)."""
    found = Deployment.objects.filter(
        state__in=[DeploymentState.ACTIVE, DeploymentState.ENDED]
    ).select_related("host", "employer")
    if scope is not None:
        ids = list(scope)
        found = found.filter(Q(host_id__in=ids) | Q(employer_id__in=ids))
    by_host: dict[str, int] = defaultdict(int)
    by_employer: dict[str, int] = defaultdict(int)
    by_group: dict[str, int] = defaultdict(int)
    waits, active, past = [], 0, 0
    for d in found:
        by_host[d.host.name] += d.days
        by_employer[d.employer.name if d.employer else "Not named"] += d.days
        by_group[StaffGroup(d.staff_group).label] += d.days
        if d.activated_at:
            waits.append(round((d.activated_at - d.raised_at).total_seconds() / 86400, 1))
        active += d.state == DeploymentState.ACTIVE
        past += d.state == DeploymentState.ENDED

    def ordered(values: dict[str, int]) -> list[tuple[str, int]]:
        return sorted(values.items(), key=lambda item: (-item[1], item[0]))

    return Report(
        active=active,
        past=past,
        days_by_host=ordered(by_host),
        days_by_employer=ordered(by_employer),
        days_by_staff_group=ordered(by_group),
        days_to_place=sorted(waits),
    )
