"""Outcome figures for the dashboard, the board report and the CSV, computed from the records
with a fixed number of aggregate queries (ten, whatever the number of candidates).

Anonymised candidates still count: what the figures need survives anonymisation. Breakdowns by
cohort, community and deprivation show small counts (1 to 4) as "fewer than 5" to everyone but
talent coordinators, so a figure cannot point at a person; headline totals are never hidden.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from oneworkforce.partners.choices import JobFamily, Sector

from ..models import (
    Application,
    Barrier,
    BarrierKind,
    CampaignResponse,
    Candidate,
    CandidateCohort,
    Checkpoint,
    Cohort,
    EventPartner,
    EventRegistration,
    Intervention,
    InterventionKind,
    InterventionOutcome,
    Qualification,
    QualificationKind,
    RecruitmentEvent,
)
from ..pipeline.states import LABELS, PATH

SMALL = 5
NONE = "\u2013"  # an en dash: no figure to show
RETAINED = ("in_post", "moved")
STARTED_STATES = ("started", "left")
QUINTILES = {
    1: "1 to 2 (most deprived)",
    2: "3 to 4",
    3: "5 to 6",
    4: "7 to 8",
    5: "9 to 10 (least deprived)",
}


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None
    end: dt.date | None = None
    campaign_id: int | None = None
    organisation_id: int | None = None


@dataclass
class Retention:
    group: str
    retained: int
    recorded: int
    awaiting: int

    @property
    def share(self) -> float | None:
        return self.retained / self.recorded if self.recorded else None


@dataclass(frozen=True)
class Events:
    """Shared recruitment events held in the period (cancelled ones never count)."""

    held: int = 0
    sign_ups: int = 0  # partners represented, summed over the events
    registered: int = 0
    attendance_recorded: int = 0
    came: int = 0

    @property
    def came_share(self) -> float | None:
        return self.came / self.attendance_recorded if self.attendance_recorded else None


@dataclass
class Outcomes:
    engaged: int
    responses: int
    qualifications: list[tuple[str, int]]
    starters: int
    previously_unemployed: int
    by_family: list[tuple[str, int]]
    by_partner: list[tuple[str, int]]
    by_sector: list[tuple[str, int]]
    retention: dict[int, Retention]
    retention_by: dict[str, dict[int, list[Retention]]] = field(default_factory=dict)
    funnel: list[tuple[str, int]] = field(default_factory=list)
    support: list[tuple[str, int, int]] = field(default_factory=list)
    barriers: list[tuple[str, int, int]] = field(default_factory=list)
    events: Events = field(default_factory=Events)

    @property
    def qualifications_total(self) -> int:
        return sum(n for _, n in self.qualifications)

    @property
    def unemployed_share(self) -> float | None:
        return self.previously_unemployed / self.starters if self.starters else None


def _between(prefix: str, start: dt.date | None, end: dt.date | None) -> Q:
    condition = Q()
    if start is not None:
        condition &= Q(**{f"{prefix}__gte": start})
    if end is not None:
        condition &= Q(**{f"{prefix}__lte": end})
    return condition


def _candidates(filters: Filters) -> QuerySet[Candidate]:
    found = Candidate.objects.filter(_between("created_at__date", filters.start, filters.end))
    if filters.campaign_id:
        found = found.filter(campaign_id=filters.campaign_id)
    return found


def _joined(filters: Filters) -> Q:
    """Rows of the candidates in scope, by a join on their candidate (no subquery)."""
    condition = _between("candidate__created_at__date", filters.start, filters.end)
    if filters.campaign_id:
        condition &= Q(candidate__campaign_id=filters.campaign_id)
    return condition


def _starts(filters: Filters) -> QuerySet[Application]:
    found = Application.objects.filter(
        _between("started_on", filters.start, filters.end),
        started_on__isnull=False,  # true of every start; lets PostgreSQL use the starts index
        state__in=STARTED_STATES,
    )
    if filters.campaign_id:
        found = found.filter(candidate__campaign_id=filters.campaign_id)
    if filters.organisation_id:
        found = found.filter(vacancy__organisation_id=filters.organisation_id)
    return found


def _checkpoints(filters: Filters) -> QuerySet[Checkpoint]:
    """Checkpoints of the starts in scope, filtered by joins (checkpoints exist only for
    starts), which PostgreSQL plans far better than a subquery of the starts."""
    found = Checkpoint.objects.filter(
        _between("application__started_on", filters.start, filters.end),
        application__started_on__isnull=False,  # as above: every checkpoint's is a start
    )
    if filters.campaign_id:
        found = found.filter(application__candidate__campaign_id=filters.campaign_id)
    if filters.organisation_id:
        found = found.filter(application__vacancy__organisation_id=filters.organisation_id)
    return found


def _summed(rows: Any, key: str, labels: dict[str, str]) -> list[tuple[str, int]]:
    """``(label, total of n)`` per value of ``key``, largest first."""
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[str(labels.get(row[key], row[key] or "Not known"))] += row["n"]
    return sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))


def _retention_rows(checkpoints: QuerySet[Checkpoint], today: dt.date) -> list[dict[str, Any]]:
    """Checkpoint counts per community, deprivation decile and months, and per cohort and
    months, in one statement: the checkpoints in scope are read (and joined to their start)
    once, then grouped both ways. Rows say which grouping they belong to in ``by``."""
    base = (
        checkpoints.order_by()
        .values("months", "outcome", "due_on")
        .annotate(candidate=F("application__candidate_id"))
    )
    scoped, params = base.query.sql_with_params()
    counts = (
        "COUNT(*) FILTER (WHERE k.outcome IN (%s, %s)) AS retained, "
        "COUNT(*) FILTER (WHERE k.outcome <> '') AS recorded, "
        "COUNT(*) FILTER (WHERE k.outcome = '' AND k.due_on <= %s) AS awaiting"
    )
    due = connection.ops.adapt_datefield_value(today)
    # Only the ORM's own compiled SQL and our table names are formatted in; every value is a
    # parameter.
    sql = (
        f"WITH k (months, outcome, due_on, candidate) AS ({scoped}) "  # noqa: S608
        f"SELECT 'place', c.community, c.deprivation_decile, NULL, k.months, {counts} "
        f"FROM k JOIN {Candidate._meta.db_table} c ON c.id = k.candidate "
        "GROUP BY c.community, c.deprivation_decile, k.months "
        f"UNION ALL SELECT 'cohort', NULL, NULL, g.cohort, k.months, {counts} "
        f"FROM k JOIN {CandidateCohort._meta.db_table} g ON g.candidate_id = k.candidate "
        "GROUP BY g.cohort, k.months"
    )
    names = ("by", "community", "decile", "cohort", "months", "retained", "recorded", "awaiting")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *RETAINED, due, *RETAINED, due])
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _events(filters: Filters, today: dt.date) -> Events:
    """Events that have started by ``today``; for one partner, those it organised or was
    represented at."""
    held = RecruitmentEvent.objects.filter(
        _between("starts_at__date", filters.start, filters.end),
        starts_at__date__lte=today,
        cancelled_at__isnull=True,
    )
    if filters.campaign_id:
        held = held.filter(campaign_id=filters.campaign_id)
    if filters.organisation_id:
        represented = EventPartner.objects.filter(organisation_id=filters.organisation_id)
        held = held.filter(
            Q(organiser_id=filters.organisation_id) | Q(pk__in=represented.values("event_id"))
        )

    # Each event's sign-ups and registrations are counted by index lookups per event, then
    # summed: joining both to the events at once would multiply their rows.
    def per_event(rows: QuerySet[Any], **condition: Any) -> Coalesce:
        counted = rows.filter(event=OuterRef("pk"), **condition).order_by().values("event")
        return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)

    registrations = EventRegistration.objects.all()
    totals = held.annotate(
        partner_count=per_event(EventPartner.objects.all()),
        registered_count=per_event(registrations),
        recorded_count=per_event(registrations, attended__isnull=False),
        came_count=per_event(registrations, attended=True),
    ).aggregate(
        held=Count("pk"),
        sign_ups=Sum("partner_count"),
        registered=Sum("registered_count"),
        attendance_recorded=Sum("recorded_count"),
        came=Sum("came_count"),
    )
    return Events(**{name: value or 0 for name, value in totals.items()})


def _grouped(rows: Any, name: Any) -> dict[int, list[Retention]]:
    merged: dict[int, dict[str, Retention]] = {6: {}, 12: {}}
    for row in rows:
        group = name(row)
        entry = merged[row["months"]].setdefault(group, Retention(group, 0, 0, 0))
        entry.retained += row["retained"]
        entry.recorded += row["recorded"]
        entry.awaiting += row["awaiting"]
    return {
        months: sorted(groups.values(), key=lambda r: r.group) for months, groups in merged.items()
    }


def _quintile(decile: int | None) -> str:
    return QUINTILES[(decile + 1) // 2] if decile else "Not known"


def outcomes(filters: Filters, *, today: dt.date) -> Outcomes:
    candidates = _candidates(filters)
    starts = _starts(filters)
    checkpoints = _checkpoints(filters)
    responses = CampaignResponse.objects.filter(_between("at__date", filters.start, filters.end))
    if filters.campaign_id:
        responses = responses.filter(campaign_id=filters.campaign_id)
    qualifications = Qualification.objects.filter(
        _between("achieved_on", filters.start, filters.end), status="achieved"
    )
    if filters.campaign_id:
        qualifications = qualifications.filter(candidate__campaign_id=filters.campaign_id)
    starter_totals = starts.aggregate(
        people=Count("candidate", distinct=True),
        unemployed=Count(
            "candidate", distinct=True, filter=Q(candidate__previously_unemployed=True)
        ),
    )
    # Starts (not distinct people) per kind of work and partner: one pass, summed per breakdown.
    start_groups = list(
        starts.values(
            "vacancy__job_family", "vacancy__organisation__name", "vacancy__organisation__sector"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    cohort_labels = dict(Cohort.choices)
    rows = _retention_rows(checkpoints, today)
    places = [row for row in rows if row["by"] == "place"]
    overall = _grouped(places, lambda row: "All")
    retention_by = {
        "cohort": _grouped(
            [row for row in rows if row["by"] == "cohort"],
            lambda row: str(cohort_labels.get(row["cohort"], row["cohort"])),
        ),
        "community": _grouped(places, lambda row: row["community"] or "Not known"),
        "deprivation": _grouped(places, lambda row: _quintile(row["decile"])),
    }
    applications = Application.objects.filter(
        _between("created_at__date", filters.start, filters.end)
    )
    if filters.campaign_id:
        applications = applications.filter(candidate__campaign_id=filters.campaign_id)
    if filters.organisation_id:
        applications = applications.filter(vacancy__organisation_id=filters.organisation_id)
    furthest = dict(applications.values_list("furthest_step").annotate(n=Count("pk")).order_by())
    reached = [sum(n for step, n in furthest.items() if step >= i) for i in range(len(PATH))]
    support_rows = (
        Intervention.objects.filter(_joined(filters))
        .values("kind")
        .annotate(
            n=Count("pk"), completed=Count("pk", filter=Q(outcome=InterventionOutcome.COMPLETED))
        )
        .order_by()
    )
    barrier_rows = (
        Barrier.objects.filter(_joined(filters))
        .values("kind")
        .annotate(n=Count("pk"), resolved=Count("pk", filter=Q(resolved_on__isnull=False)))
        .order_by()
    )
    support_labels, barrier_labels = dict(InterventionKind.choices), dict(BarrierKind.choices)
    return Outcomes(
        engaged=candidates.count(),
        responses=responses.count(),
        qualifications=_summed(
            qualifications.values("kind").annotate(n=Count("pk")).order_by(),
            "kind",
            dict(QualificationKind.choices),
        ),
        starters=starter_totals["people"],
        previously_unemployed=starter_totals["unemployed"],
        by_family=_summed(start_groups, "vacancy__job_family", dict(JobFamily.choices)),
        by_partner=_summed(start_groups, "vacancy__organisation__name", {}),
        by_sector=_summed(start_groups, "vacancy__organisation__sector", dict(Sector.choices)),
        retention={m: (overall[m] or [Retention("All", 0, 0, 0)])[0] for m in (6, 12)},
        retention_by=retention_by,
        funnel=[(LABELS[state], reached[i]) for i, state in enumerate(PATH)],
        support=sorted(
            (
                (str(support_labels.get(r["kind"], r["kind"])), r["n"], r["completed"])
                for r in support_rows
            ),
            key=lambda row: -row[1],
        ),
        barriers=sorted(
            (
                (str(barrier_labels.get(r["kind"], r["kind"])), r["n"], r["resolved"])
                for r in barrier_rows
            ),
            key=lambda row: -row[1],
        ),
        events=_events(filters, today),
    )
