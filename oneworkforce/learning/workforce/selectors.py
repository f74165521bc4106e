"""Reads for workforce compliance: the partner's stored grid (a page of people with one indexed
query and a count), its recorded figures, and the teams a person manages."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower

from oneworkforce.partners.access import can_administer
from oneworkforce.partners.models import Organisation, User

from ..models import ComplianceFigure, JobRole, Requirement, StaffRecord
from ..records.compliance import Standing
from .grid import STATES, Choice, Grid, Row, workforce_grid
from .models import ComplianceCell, ComplianceRow, TeamManager

HISTORY_DAYS = 400


@dataclass(frozen=True)
class Frame:
    """What the grid shows besides its people: the columns and the filters' choices. ``teams``
    set means the reader manages those teams and sees only their people."""

    organisation: Organisation
    requirements: list[Requirement]
    job_roles: list[JobRole]
    team_choices: list[str]
    site_choices: list[str]
    teams: tuple[str, ...] | None = None


def grid(organisation: Organisation, today: dt.date | None = None) -> Grid:
    """The grid worked out from scratch (the rule the stored grid is held to)."""
    return workforce_grid(organisation, today)


def frame(organisation: Organisation, teams: Iterable[str] | None = None) -> Frame:
    job_roles = list(
        JobRole.objects.for_organisation(organisation).prefetch_related("requirements")
    )
    requirements = sorted(
        {r for jr in job_roles for r in jr.requirements.all()},
        key=lambda r: (r.framework, r.position, r.subject, r.level),
    )
    scope = tuple(sorted(teams)) if teams is not None else None
    staff = StaffRecord.objects.filter(organisation=organisation)
    if scope is not None:
        staff = staff.filter(team__in=scope)
    staff = staff.order_by()  # no ordering by partner name: a plain DISTINCT
    team_choices = sorted(staff.exclude(team="").values_list("team", flat=True).distinct())
    site_choices = sorted(
        staff.filter(site__isnull=False).values_list("site__name", flat=True).distinct()
    )
    return Frame(organisation, requirements, job_roles, team_choices, site_choices, scope)


def _in_teams(frame: Frame, teams: Iterable[str]) -> Q:
    return Q(
        person_id__in=StaffRecord.objects.filter(
            organisation=frame.organisation, team__in=list(teams)
        ).values("person_id")
    )


def _base(frame: Frame) -> QuerySet[ComplianceRow]:
    """The partner's stored rows the reader may see (a manager: their teams' people only). Only
    active people have rows, each with their name and e-mail address (:mod:`.stored`), so this
    never reads the people table."""
    rows = ComplianceRow.objects.filter(organisation=frame.organisation)
    return rows if frame.teams is None else rows.filter(_in_teams(frame, frame.teams))


def _scoped(frame: Frame) -> QuerySet[ComplianceRow]:
    """:func:`_base` with each person's team and site for showing and sorting."""
    staff = StaffRecord.objects.filter(
        organisation=frame.organisation, person_id=OuterRef("person_id")
    )
    return _base(frame).annotate(
        team=Coalesce(Subquery(staff.values("team")[:1]), Value("")),
        site=Coalesce(Subquery(staff.values("site__name")[:1]), Value("")),
    )


def stored_rows(frame: Frame, choice: Choice) -> QuerySet[ComplianceRow]:
    """The rows matching every filter, in the chosen order: the same people, in the same order,
    as :func:`.grid.chosen` over the computed grid."""
    rows = _scoped(frame)
    words = choice.q.strip()
    if words:
        rows = rows.filter(Q(name__icontains=words) | Q(email__icontains=words))
    if choice.team:
        rows = rows.filter(_in_teams(frame, [choice.team]))
    if choice.site:
        rows = rows.filter(
            person_id__in=StaffRecord.objects.filter(
                organisation=frame.organisation, site__name=choice.site
            ).values("person_id")
        )
    if choice.job_role:
        rows = rows.filter(
            person_id__in=JobRole.members.through.objects.filter(
                jobrole__organisation=frame.organisation, jobrole__name=choice.job_role
            ).values("user_id")
        )
    cells = ComplianceCell.objects.filter(row_id=OuterRef("pk"))
    if choice.requirement is not None:
        cells = cells.filter(requirement_id=choice.requirement)
        rows = rows.filter(Exists(cells))
    if choice.state == "none":
        rows = rows.filter(needed=0)
    elif choice.state and choice.requirement is not None:
        rows = rows.filter(Exists(cells.filter(shown=choice.state)))
    elif choice.state:
        rows = rows.filter(**{f"{choice.state}__gt": 0})
    by_name = (Lower("name"), "email")
    if choice.sort == "action":
        return rows.order_by("-needing_action", *by_name)
    if choice.sort == "team":
        return rows.order_by(
            Case(When(team="", then=Value(1)), default=Value(0)), Lower("team"), *by_name
        )
    return rows.order_by(*by_name)


def with_cells(rows: Iterable[ComplianceRow]) -> list[Row]:
    """The stored rows as grid rows, their cells read in one query: all of a partner's by the
    rows' query, a page's by the ids of its rows (read once, not again inside the cells' query)."""
    if isinstance(rows, QuerySet) and not rows.query.is_sliced:
        cells = ComplianceCell.objects.filter(row_id__in=rows.values("pk"))
        rows = list(rows)
    else:
        rows = list(rows)
        cells = ComplianceCell.objects.filter(row_id__in=[r.pk for r in rows])
    found: dict[int, dict[int, Standing]] = defaultdict(dict)
    for row_id, requirement_id, state, booked, expires_on in cells.values_list(
        "row_id", "requirement_id", "state", "booked", "expires_on"
    ):
        found[row_id][requirement_id] = Standing(requirement_id, state, None, expires_on, booked)
    return [
        Row(
            r.person_id,
            r.name,
            r.email,
            r.team,
            r.site,
            r.job_roles.split("; ") if r.job_roles else [],
            dict(sorted(found[r.pk].items())),
        )
        for r in rows
    ]


def totals(frame: Frame) -> tuple[dict[str, int], int]:
    """Cells in each shown state over every row the reader may see, and people with job roles
    (one query)."""
    sums = _base(frame).aggregate(
        **{state: Coalesce(Sum(state), 0) for state in STATES},
        people=Coalesce(Sum(Value(1), filter=Q(needed__gt=0)), 0),
    )
    people = sums.pop("people")
    return sums, people


def people_named(frame: Frame, ids: Iterable[int]) -> list[tuple[int, str]]:
    """Of these ids, the people on the reader's grid, as form choices."""
    return [(r.person_id, r.name) for r in _scoped(frame).filter(person_id__in=list(ids))]


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


def partner(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def teams_managed(user: User, organisation: Organisation) -> list[str]:
    """The teams at the partner ``user`` was named to manage."""
    return list(
        TeamManager.objects.filter(organisation=organisation, person=user).values_list(
            "team", flat=True
        )
    )


def team_managers(organisation: Organisation) -> QuerySet[TeamManager]:
    return TeamManager.objects.filter(organisation=organisation).select_related("person")


def teams_to_follow_up(user: User) -> list[tuple[Organisation, list[str], int]]:
    """For each partner where ``user`` manages teams: the teams and how many of their people
    have training expired or missing with no place booked (two queries)."""
    by_partner: dict[int, tuple[Organisation, list[str]]] = {}
    for manager in TeamManager.objects.filter(person=user).select_related("organisation"):
        by_partner.setdefault(manager.organisation_id, (manager.organisation, []))[1].append(
            manager.team
        )
    if not by_partner:
        return []
    staff = StaffRecord.objects.filter(
        organisation_id=OuterRef("organisation_id"), person_id=OuterRef("person_id")
    )
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for organisation_id, team in (
        ComplianceRow.objects.filter(organisation_id__in=by_partner, needing_action__gt=0)
        .annotate(team=Subquery(staff.values("team")[:1]))
        .values_list("organisation_id", "team")
    ):
        counts[organisation_id, team or ""] += 1
    return [
        (organisation, sorted(teams), sum(counts[organisation.pk, t] for t in teams))
        for organisation, teams in sorted(by_partner.values(), key=lambda p: p[0].name)
    ]
