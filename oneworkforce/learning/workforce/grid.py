"""A partner's workforce against the training its job roles need: one row per person (everyone
whose work with the partner is confirmed, and everyone holding one of its job roles), one column
per requirement of its job roles, each cell up to date, expiring within 60 days, expired,
missing or booked. Read in a fixed number of queries whatever the number of people; the rule
for each cell is :func:`..records.compliance.evaluate`, the same as a person's own page."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.models import Affiliation, Organisation, User

from ..models import (
    PLACE_HOLDING_STATES,
    Booking,
    Completion,
    CompletionState,
    JobRole,
    Opportunity,
    Requirement,
    StaffRecord,
)
from ..records.compliance import Evidence, Standing, accepted_by, evaluate, validity_at

STATES = ("met", "expiring", "expired", "missing", "booked")


@dataclass
class Row:
    person_id: int
    name: str
    email: str
    team: str = ""
    site: str = ""
    job_roles: list[str] = field(default_factory=list)
    cells: dict[int, Standing] = field(default_factory=dict)

    @property
    def needing_action(self) -> int:
        """Cells that need doing and have no place booked: expired or missing."""
        return sum(s.shown in ("expired", "missing") for s in self.cells.values())

    @property
    def up_to_date(self) -> bool:
        return bool(self.cells) and all(s.is_compliant for s in self.cells.values())


@dataclass
class Grid:
    requirements: list[Requirement]
    rows: list[Row]
    job_roles: list[JobRole]

    def counts(self) -> dict[str, int]:
        """Cells in each shown state, over every row."""
        found = dict.fromkeys(STATES, 0)
        for row in self.rows:
            for standing in row.cells.values():
                found[standing.shown] += 1
        return found


def _member_links(organisation: Organisation, only: set[int] | None = None) -> QuerySet:
    links = JobRole.members.through.objects.filter(jobrole__organisation=organisation)
    return links if only is None else links.filter(user_id__in=only)


def workforce_grid(
    organisation: Organisation, today: dt.date | None = None, only: set[int] | None = None
) -> Grid:
    """The partner's grid as it stands on ``today`` (completions after it do not count; places
    booked count only for today itself), worked out from scratch; ``only`` narrows it to those
    people (for refreshing their stored rows)."""
    today = today or timezone.localdate()
    job_roles = list(
        JobRole.objects.for_organisation(organisation).prefetch_related("requirements")
    )
    needs: dict[int, set[int]] = defaultdict(set)
    names: dict[int, list[str]] = defaultdict(list)
    role_needs = {jr.pk: {r.pk for r in jr.requirements.all()} for jr in job_roles}
    role_names = {jr.pk: jr.name for jr in job_roles}
    links = _member_links(organisation, only)
    for job_role_id, user_id in links.values_list("jobrole_id", "user_id"):
        needs[user_id] |= role_needs[job_role_id]
        names[user_id].append(role_names[job_role_id])
    confirmed = Affiliation.objects.filter(
        organisation=organisation, status=AffiliationStatus.CONFIRMED
    )
    if only is not None:
        confirmed = confirmed.filter(user_id__in=only)
    people_ids = set(confirmed.values_list("user_id", flat=True)) | set(needs)
    requirements = sorted(
        {r for jr in job_roles for r in jr.requirements.all()},
        key=lambda r: (r.framework, r.position, r.subject, r.level),
    )
    rows = {
        pk: Row(pk, name or email, email, job_roles=sorted(names.get(pk, [])))
        for pk, name, email in User.objects.filter(pk__in=people_ids, is_active=True).values_list(
            "pk", "full_name", "email"
        )
    }
    staff = StaffRecord.objects.filter(organisation=organisation).values_list(
        "person_id", "team", "site__name"
    )
    for person_id, team, site in staff:
        if person_id in rows:
            rows[person_id].team, rows[person_id].site = team, site or ""
    evidence = _evidence(organisation, requirements, today, links)
    booked = _booked(links) if today == timezone.localdate() else {}
    validity = validity_at(organisation, requirements)
    accepted = accepted_by(organisation)
    for person_id, row in rows.items():
        wanted = needs.get(person_id)
        if not wanted:
            continue
        standings = evaluate(
            requirement_ids=sorted(wanted),
            evidence=evidence.get(person_id, ()),
            validity_months=validity,
            accepted_issuers=accepted,
            today=today,
            booked=booked.get(person_id, set()),
        )
        row.cells = {s.requirement_id: s for s in standings}
    ordered = sorted(rows.values(), key=lambda r: (r.name.lower(), r.email))
    return Grid(requirements, ordered, job_roles)


def _evidence(
    organisation: Organisation, requirements: list[Requirement], today: dt.date, links: QuerySet
) -> dict[int, list[Evidence]]:
    """Verified completions meeting the grid's requirements, by person, from counted issuers."""
    accepted = accepted_by(organisation)
    issuers = dict(Organisation.objects.filter(pk__in=accepted).values_list("pk", "name"))
    links = Completion.requirements.through.objects.filter(
        requirement_id__in=[r.pk for r in requirements],
        completion__state=CompletionState.VERIFIED,
        completion__completed_on__lte=today,
        completion__issuer_id__in=accepted,
        completion__learner_id__in=links.values("user_id"),
    ).values_list(
        "completion__learner_id",
        "requirement_id",
        "completion__issuer_id",
        "completion__completed_on",
        "completion_id",
    )
    found: dict[int, list[Evidence]] = defaultdict(list)
    for learner_id, requirement_id, issuer_id, completed_on, completion_id in links:
        found[learner_id].append(
            Evidence(requirement_id, issuer_id, issuers[issuer_id], completed_on, completion_id)
        )
    return found


def _booked(links: QuerySet) -> dict[int, set[int]]:
    """Requirements each person holds a place on upcoming learning for."""
    pairs = Booking.objects.filter(
        learner_id__in=links.values("user_id"),
        state__in=PLACE_HOLDING_STATES,
        session__starts_at__gt=timezone.now(),
        session__cancelled_at__isnull=True,
    ).values_list("learner_id", "session__opportunity__requirements")
    found: dict[int, set[int]] = defaultdict(set)
    for learner_id, requirement_id in pairs:
        if requirement_id is not None:
            found[learner_id].add(requirement_id)
    return found


def matching_listing(requirement: Requirement) -> Opportunity | None:
    """A published listing that meets the requirement (the first by title), for a reminder."""
    return (
        Opportunity.objects.published().filter(requirements=requirement).order_by("title").first()
    )


@dataclass(frozen=True)
class Choice:
    """What the grid is narrowed to; empty values mean any."""

    q: str = ""
    team: str = ""
    job_role: str = ""
    site: str = ""
    requirement: int | None = None
    state: str = ""
    sort: str = "name"


SORTS = {
    "name": "Name",
    "action": "Most needing action first",
    "team": "Team",
}


def chosen(rows: list[Row], choice: Choice) -> list[Row]:
    """The rows matching every filter, in the chosen order. A state filter keeps people with a
    cell in that state (for the chosen requirement when one is chosen)."""
    words = choice.q.strip().lower()
    found = [
        r
        for r in rows
        if (not words or words in r.name.lower() or words in r.email.lower())
        and (not choice.team or r.team == choice.team)
        and (not choice.job_role or choice.job_role in r.job_roles)
        and (not choice.site or r.site == choice.site)
        and (choice.requirement is None or choice.requirement in r.cells)
        and (not choice.state or _has_state(r, choice))
    ]
    if choice.sort == "action":
        found.sort(key=lambda r: (-r.needing_action, r.name.lower(), r.email))
    elif choice.sort == "team":
        found.sort(key=lambda r: (r.team == "", r.team.lower(), r.name.lower(), r.email))
    return found


def _has_state(row: Row, choice: Choice) -> bool:
    if choice.state == "none":
        return not row.cells
    cells = (
        [row.cells[choice.requirement]] if choice.requirement is not None else row.cells.values()
    )
    return any(s.shown == choice.state for s in cells)
