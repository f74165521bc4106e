"""Is a person up to date with what a job role needs? Completions count at the partner that issued
them and at every partner that accepts that issuer; each partner may shorten a requirement's
validity. The rule itself (:func:`evaluate`) is pure and tested without a database."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from oneworkforce.partners.models import Organisation, User

from ..models import (
    PLACE_HOLDING_STATES,
    AcceptedIssuer,
    Completion,
    JobRole,
    Requirement,
    RequirementPolicy,
)

EXPIRING_DAYS = 60


@functools.lru_cache(maxsize=65_536)
def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Evidence:
    """A verified completion meeting one requirement."""

    requirement_id: int
    issuer_id: int
    issuer_name: str
    completed_on: dt.date
    completion_id: int


@dataclass(frozen=True)
class Standing:
    requirement_id: int
    state: str  # met, expiring, expired, missing
    evidence: Evidence | None
    expires_on: dt.date | None
    booked: bool = False  # holds a place on upcoming learning that meets it

    @property
    def is_compliant(self) -> bool:
        return self.state in ("met", "expiring")

    @property
    def shown(self) -> str:
        """What to show: the state, or ``booked`` when it needs doing and a place is held."""
        return "booked" if self.booked and self.state != "met" else self.state


def evaluate(
    *,
    requirement_ids: Iterable[int],
    evidence: Iterable[Evidence],
    validity_months: Mapping[int, int],
    accepted_issuers: set[int],
    today: dt.date,
    booked: frozenset[int] | set[int] = frozenset(),
) -> list[Standing]:
    """For each requirement, the counted completion that stays valid longest.

    ``validity_months`` is the period the job role's partner applies (0: never expires);
    ``accepted_issuers`` holds the job role's partner itself and every partner it accepts;
    ``booked`` the requirements met by upcoming learning the person holds a place on.
    """
    best: dict[int, tuple[dt.date | None, Evidence]] = {}
    for item in evidence:
        if item.issuer_id not in accepted_issuers:
            continue
        months = validity_months.get(item.requirement_id, 0)
        expires = add_months(item.completed_on, months) if months else None
        current = best.get(item.requirement_id)
        if current is None or _later(expires, current[0]):
            best[item.requirement_id] = (expires, item)
    standings = []
    for requirement_id in requirement_ids:
        found = best.get(requirement_id)
        if found is None:
            standings.append(
                Standing(requirement_id, "missing", None, None, requirement_id in booked)
            )
            continue
        expires, item = found
        if expires is not None and expires <= today:
            state = "expired"
        elif expires is not None and (expires - today).days <= EXPIRING_DAYS:
            state = "expiring"
        else:
            state = "met"
        standings.append(Standing(requirement_id, state, item, expires, requirement_id in booked))
    return standings


def _later(a: dt.date | None, b: dt.date | None) -> bool:
    """Does expiry ``a`` last longer than ``b``? ``None`` means never expires."""
    if a is None:
        return b is not None
    return b is not None and a > b


@dataclass(frozen=True)
class JobRoleCompliance:
    job_role: JobRole
    requirements: dict[int, Requirement]
    standings: list[Standing]

    @property
    def compliant(self) -> bool:
        return all(s.is_compliant for s in self.standings)

    @property
    def met(self) -> int:
        return sum(s.is_compliant for s in self.standings)


def learner_evidence(learner: User) -> list[Evidence]:
    completions = (
        Completion.objects.verified()
        .filter(learner=learner)
        .select_related("issuer")
        .prefetch_related(Prefetch("requirements", queryset=Requirement.objects.only("id")))
    )
    return [
        Evidence(r.pk, c.issuer_id, c.issuer.name, c.completed_on, c.pk)
        for c in completions
        for r in c.requirements.all()
    ]


def booked_requirements(learner: User) -> set[int]:
    """Requirements met by upcoming sessions the learner holds a place on (or is offered)."""
    return set(
        Requirement.objects.filter(
            opportunities__sessions__bookings__learner=learner,
            opportunities__sessions__bookings__state__in=PLACE_HOLDING_STATES,
            opportunities__sessions__starts_at__gt=timezone.now(),
            opportunities__sessions__cancelled_at__isnull=True,
        ).values_list("pk", flat=True)
    )


def accepted_by(organisation: Organisation) -> set[int]:
    return accepted_by_each({organisation.pk})[organisation.pk]


def accepted_by_each(organisation_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each partner, the issuers whose training counts there: itself and every partner it
    accepts (one query for them all)."""
    accepted = {pk: {pk} for pk in organisation_ids}
    for organisation_id, issuer_id in AcceptedIssuer.objects.filter(
        organisation_id__in=accepted
    ).values_list("organisation_id", "issuer_id"):
        accepted[organisation_id].add(issuer_id)
    return accepted


def validity_at(organisation: Organisation, requirements: Iterable[Requirement]) -> dict[int, int]:
    requirements = list(requirements)
    policies = shorter_periods({organisation.pk}, [r.pk for r in requirements])
    return {r.pk: policies.get((organisation.pk, r.pk), r.validity_months) for r in requirements}


def shorter_periods(
    organisation_ids: Iterable[int], requirement_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], int]:
    """The validity periods partners set for their own job roles, by (partner, requirement),
    in one query; a requirement without one keeps the framework's period."""
    policies = RequirementPolicy.objects.filter(organisation_id__in=list(organisation_ids))
    if requirement_ids is not None:
        policies = policies.filter(requirement_id__in=list(requirement_ids))
    return {
        (organisation_id, requirement_id): months
        for organisation_id, requirement_id, months in policies.values_list(
            "organisation_id", "requirement_id", "validity_months"
        )
    }


def job_role_compliance(
    learner: User,
    job_role: JobRole,
    *,
    today: dt.date,
    evidence: list[Evidence] | None = None,
    booked: set[int] | None = None,
) -> JobRoleCompliance:
    requirements = {r.pk: r for r in job_role.requirements.all()}
    standings = evaluate(
        requirement_ids=list(requirements),
        evidence=learner_evidence(learner) if evidence is None else evidence,
        validity_months=validity_at(job_role.organisation, requirements.values()),
        accepted_issuers=accepted_by(job_role.organisation),
        today=today,
        booked=booked_requirements(learner) if booked is None else booked,
    )
    return JobRoleCompliance(job_role, requirements, standings)


def certificate_valid_until(completion: Completion) -> dt.date | None:
    """A certificate stays valid as long as the shortest-lived requirement it covers, at the
    issuing partner's periods; learning that meets no expiring requirement does not expire."""
    requirements = list(completion.requirements.all())
    periods = [m for m in validity_at(completion.issuer, requirements).values() if m]
    return add_months(completion.completed_on, min(periods)) if periods else None
