"""Portability figures for partners: deployments active and past, days deployed by partner and
staff group, and how long it takes from raising a need to having someone in place."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from .models import Deployment, DeploymentState, StaffGroup


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
