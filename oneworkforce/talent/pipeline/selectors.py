"""Reads for the pipeline's pages and the API, scoped through ``access``: vacancies, applications,
checkpoints, the work list, keys for partners' recruitment systems, and the talent pool matched
to vacancies (the best candidates for a vacancy, and the open vacancies that fit a candidate; talent
coordinators only). Scores come from ``matching.py``.

A fetch by id answers 404 (``Http404``) for anything outside the person's partners, as the pages
always have."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core import keys
from oneworkforce.core.geography import locate_many
from oneworkforce.partners.choices import JobFamily, WorkArea
from oneworkforce.partners.models import Organisation

from .. import access
from ..models import (
    EMPLOYER_VISIBLE_STATES,
    Application,
    AtsKey,
    Candidate,
    Checkpoint,
    OfferCondition,
    ScreeningQuestion,
    Vacancy,
)
from . import matching, states
from .services import MIN_SCREENING_ANSWERS
from .states import ENDED, Party, State
from .states import LABELS as STEP_LABELS

if TYPE_CHECKING:
    from oneworkforce.partners.models import User

# How a fit's reasons name the work and the place, as written (no lower-casing: "GP practice"
# stays so); the first-person label of direct care is put in the third person.
LABELS = {
    **{k: str(v) for k, v in JobFamily.choices},
    JobFamily.CARE_SUPPORT.value: "Direct care and support",
    **{k: str(v) for k, v in WorkArea.choices},
}
POOL_LIMIT = 20
MIN_SCORE = 40


@dataclass(frozen=True)
class Match:
    candidate: Candidate | None
    vacancy: Vacancy | None
    fit: matching.Fit


def _seeker(candidate: Candidate, home: Any) -> matching.Seeker:
    return matching.Seeker(
        families=frozenset(candidate.interest_families or []),
        areas=frozenset(candidate.interest_areas or []),
        hours=candidate.hours,
        home=home,
        travel_km=candidate.travel_km,
    )


def _opening(vacancy: Vacancy, place: Any) -> matching.Opening:
    return matching.Opening(
        job_family=vacancy.job_family,
        work_area=vacancy.work_area,
        hours=vacancy.hours,
        place=place,
        entry_level=vacancy.entry_level,
    )


def pool_for(vacancy: Vacancy) -> list[Match]:
    """The best-fitting people in the pool with no application to this vacancy yet."""
    applied = Application.objects.filter(vacancy=vacancy).values("candidate_id")
    pool = list(
        Candidate.objects.current()
        .filter(in_pool=True)
        .exclude(pk__in=applied)
        .order_by("-last_activity_at")[:2000]
    )
    places = locate_many([vacancy.postcode, *(c.postcode or c.outward_code for c in pool)])
    opening = _opening(vacancy, places.get(vacancy.postcode))
    matches = [
        Match(
            c,
            None,
            matching.fit(
                _seeker(c, places.get(c.postcode or c.outward_code)), opening, labels=LABELS
            ),
        )
        for c in pool
    ]
    matches = [m for m in matches if m.fit.score >= MIN_SCORE]
    matches.sort(
        key=lambda m: (-m.fit.score, m.fit.distance_km or 0, m.candidate.pk if m.candidate else 0)
    )
    return matches[:POOL_LIMIT]


def vacancies_for(candidate: Candidate) -> list[Match]:
    live = Application.objects.filter(candidate=candidate).exclude(
        state__in=[s.value for s in ENDED]
    )
    vacancies = list(
        Vacancy.objects.open_on(timezone.localdate())
        .exclude(pk__in=live.values("vacancy_id"))
        .select_related("organisation")
    )
    home_code = candidate.postcode or candidate.outward_code
    places = locate_many([home_code, *(v.postcode for v in vacancies)])
    seeker = _seeker(candidate, places.get(home_code))
    matches = [
        Match(None, v, matching.fit(seeker, _opening(v, places.get(v.postcode)), labels=LABELS))
        for v in vacancies
    ]
    matches.sort(key=lambda m: (-m.fit.score, m.vacancy.title if m.vacancy else ""))
    return matches


# Fetches for one page --------------------------------------------------------------------------


def vacancy_for(user: User, *, pk: int) -> Vacancy:
    return get_object_or_404(access.vacancies_for(user), pk=pk)


def application_for(user: User, *, pk: int) -> Application:
    return get_object_or_404(access.applications_for(user), pk=pk)


def matchable_candidate(*, pk: int) -> Candidate:
    """Any current candidate in the pool (the matches page is for talent coordinators)."""
    return get_object_or_404(Candidate.objects.current(), pk=pk)


def reached_states(application: Application) -> set[str]:
    """Every state this application has moved to, from its history."""
    return set(application.steps.values_list("to_state", flat=True))


def condition_for(user: User, *, pk: int) -> OfferCondition:
    return get_object_or_404(
        OfferCondition.objects.filter(application__in=access.applications_for(user)), pk=pk
    )


def screening_questions() -> list[ScreeningQuestion]:
    return list(ScreeningQuestion.objects.filter(is_active=True))


def checkpoint_for(user: User, *, pk: int) -> Checkpoint:
    return get_object_or_404(checkpoints_for(user), pk=pk)


def ats_keys_for(organisations: QuerySet[Organisation]) -> QuerySet[AtsKey]:
    return AtsKey.objects.filter(organisation__in=organisations).select_related("organisation")


def ats_key_for(user: User, *, pk: int) -> AtsKey:
    return get_object_or_404(
        AtsKey.objects.filter(organisation__in=access.organisations_for(user)), pk=pk
    )


# Checkpoints and the work list --------------------------------------------------------------------


def checkpoints_for(user: User) -> QuerySet[Checkpoint]:
    found = Checkpoint.objects.select_related(
        "application__candidate", "application__vacancy__organisation", "moved_to"
    )
    ids = access.employer_ids(user)
    if ids is None:
        return found
    return found.filter(
        Q(application__vacancy__organisation_id__in=ids)
        | Q(application__checkpoints__moved_to_id__in=ids)
    ).distinct()


def moves_for(user: User, application: Application) -> list[tuple[str, str]]:
    """The moves this person may make now, as (value, label) choices."""
    coordinator = access.is_coordinator(user)
    moves = []
    for target in states.PATH + tuple(sorted(states.ENDED)):
        if target not in states.allowed_moves(State(application.state)):
            continue
        if not coordinator and target not in states.EMPLOYER_MOVES:
            continue
        label = STEP_LABELS[target]
        if target == State.SCREENED and application.screening.count() < MIN_SCREENING_ANSWERS:
            label = f"{label} (record the values-based screening first)"
        moves.append((target.value, label))
    return moves


@dataclass(frozen=True)
class WorkItem:
    kind: str  # "application" or "checkpoint"
    due_on: dt.date
    what: str
    who: str
    waits_on: str
    href: str
    overdue_days: int
    flag: str = ""  # "Guaranteed interview" until a veteran's interview is booked


@dataclass
class WorkList:
    overdue: list[WorkItem]
    this_week: list[WorkItem]
    later: list[WorkItem]

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.this_week) + len(self.later)


WAITS_ON = {Party.COORDINATOR: "Talent coordinator", Party.EMPLOYER: "Employer"}


def worklist(user: User, *, today: dt.date) -> WorkList:
    applications = access.applications_for(user).filter(due_on__isnull=False)
    if not access.is_coordinator(user):
        employer_states = [s.value for s, (_, p) in states.WAITING.items() if p == Party.EMPLOYER]
        applications = applications.filter(state__in=employer_states)
    items: list[WorkItem] = []
    for application in applications.order_by("due_on", "pk")[:500]:
        assert application.due_on is not None
        party = states.waits_on(State(application.state))
        items.append(
            WorkItem(
                kind="application",
                due_on=application.due_on,
                what=f"{STEP_LABELS[State(application.state)]}: {application.vacancy.title}, "
                f"{application.vacancy.organisation.name}",
                who=str(application.candidate),
                waits_on=WAITS_ON.get(party, "") if party else "",
                href=reverse("talent:application", kwargs={"pk": application.pk}),
                overdue_days=max(0, (today - application.due_on).days),
                flag="Guaranteed interview" if application.interview_owed else "",
            )
        )
    due_checkpoints = checkpoints_for(user).filter(
        outcome="", due_on__lte=today + dt.timedelta(days=30)
    )
    for checkpoint in due_checkpoints.order_by("due_on", "pk")[:500]:
        application = checkpoint.application
        items.append(
            WorkItem(
                kind="checkpoint",
                due_on=checkpoint.due_on,
                what=f"{checkpoint.months}-month checkpoint: {application.vacancy.title}, "
                f"{application.vacancy.organisation.name}",
                who=str(application.candidate),
                waits_on="Employer",
                href=reverse("talent:checkpoint_record", kwargs={"pk": checkpoint.pk}),
                overdue_days=max(0, (today - checkpoint.due_on).days),
            )
        )
    items.sort(key=lambda item: (item.due_on, item.what))
    week = today + dt.timedelta(days=7)
    return WorkList(
        overdue=[i for i in items if i.due_on < today],
        this_week=[i for i in items if today <= i.due_on <= week],
        later=[i for i in items if i.due_on > week],
    )


def open_vacancies(day: dt.date) -> QuerySet[Vacancy]:
    return (
        Vacancy.objects.open_on(day)
        .select_related("organisation")
        .order_by("organisation__name", "title")
    )


def ats_key_organisation(raw: str) -> Organisation | None:
    return keys.key_organisation(AtsKey, raw)


# A partner's recruitment system (the API) -----------------------------------------------------


def system_vacancies(organisation: Organisation) -> QuerySet[Vacancy]:
    """The vacancies of the partner whose key called, newest first."""
    return Vacancy.objects.filter(organisation=organisation).order_by("-pk")


def system_vacancy(organisation: Organisation, *, reference: str) -> Vacancy | None:
    return Vacancy.objects.filter(organisation=organisation, external_ref=reference).first()


def system_applications(organisation: Organisation) -> QuerySet[Application]:
    """Applications to the partner's vacancies that it may see, most recently moved first."""
    return (
        Application.objects.filter(
            vacancy__organisation=organisation, state__in=EMPLOYER_VISIBLE_STATES
        )
        .select_related("candidate", "vacancy")
        .prefetch_related("checkpoints__moved_to")
        .order_by("-state_changed_at", "-pk")
    )
