"""The careers figures: applications by source, time from application to start, starts by
sector and by previous employment status, veterans' applications, guaranteed interviews,
interviews and starts, each split by sector (as a visitor names sectors)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from oneworkforce.talent.models import Application, ApplicationSource
from oneworkforce.talent.pipeline.states import PATH, State

from ..jobs.selectors import SECTOR_GROUPS

INTERVIEW_STEP = PATH.index(State.INTERVIEW)
STARTED_STEP = PATH.index(State.STARTED)


def sector_key(sector: str) -> str:
    for key, (_, members) in SECTOR_GROUPS.items():
        if sector in members:
            return key
    return "other"


@dataclass
class Figures:
    since: dt.date
    by_source: dict[str, Counter[str]] = field(default_factory=dict)  # source → sector → n
    days_to_start: dict[str, list[int]] = field(default_factory=dict)  # sector → days
    starts_by_status: dict[str, Counter[str]] = field(default_factory=dict)  # status → sector
    veterans: dict[str, Counter[str]] = field(default_factory=dict)  # measure → sector → n


def figures(*, since: dt.date | None = None) -> Figures:
    """Every application made on or after ``since`` (12 months ago by default), one pass."""
    since = since or timezone.localdate() - dt.timedelta(days=365)
    found = Figures(since=since)
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    days: dict[str, list[int]] = defaultdict(list)
    by_status: dict[str, Counter[str]] = defaultdict(Counter)
    veterans: dict[str, Counter[str]] = defaultdict(Counter)
    rows = (
        Application.objects.filter(created_at__date__gte=since)
        .values_list(
            "source",
            "vacancy__organisation__sector",
            "created_at",
            "started_on",
            "furthest_step",
            "served_in_forces",
            "guaranteed_interview",
            "candidate__previously_unemployed",
        )
        .order_by()
    )
    for (
        source,
        sector,
        created,
        started,
        furthest,
        served,
        guaranteed,
        unemployed,
    ) in rows.iterator():
        key = sector_key(sector)
        by_source[source][key] += 1
        if started is not None and furthest >= STARTED_STEP:
            days[key].append(max(0, (started - created.date()).days))
            by_status["unemployed" if unemployed else "other"][key] += 1
        if served:
            veterans["applications"][key] += 1
            if guaranteed:
                veterans["guaranteed"][key] += 1
            if furthest >= INTERVIEW_STEP:
                veterans["interviews"][key] += 1
            if furthest >= STARTED_STEP:
                veterans["starts"][key] += 1
    found.by_source = dict(by_source)
    found.days_to_start = dict(days)
    found.starts_by_status = dict(by_status)
    found.veterans = dict(veterans)
    return found


def median_days(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


SOURCES = list(ApplicationSource)
