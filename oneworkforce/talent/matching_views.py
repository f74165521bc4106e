"""The talent pool matched to roles: the best candidates for a role, and the open roles that
fit a candidate (talent coordinators only). Scores come from ``matching.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from oneworkforce.core.geography import locate_many
from oneworkforce.partners.choices import RoleFamily, WorkArea

from . import access, matching
from .models import Application, Candidate, Vacancy
from .pipeline import ENDED

LABELS = {
    **{k: str(v).lower() for k, v in RoleFamily.choices},
    **{k: str(v).lower() for k, v in WorkArea.choices},
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
        roles=frozenset(candidate.interest_roles or []),
        areas=frozenset(candidate.interest_areas or []),
        hours=candidate.hours,
        home=home,
        travel_km=candidate.travel_km,
    )


def _opening(vacancy: Vacancy, place: Any) -> matching.Opening:
    return matching.Opening(
        role_family=vacancy.role_family,
        work_area=vacancy.work_area,
        hours=vacancy.hours,
        place=place,
        entry_level=vacancy.entry_level,
    )


def pool_for(vacancy: Vacancy) -> list[Match]:
    """The best-fitting people in the pool with no application to this role yet."""
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


def roles_for(candidate: Candidate) -> list[Match]:
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


@access.coordinator
@require_GET
def candidate_matches(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_object_or_404(Candidate.objects.current(), pk=pk)
    return render(
        request,
        "talent/pipeline/candidate_matches.jinja",
        {"candidate": candidate, "matches": roles_for(candidate)},
    )


urlpatterns = [
    path("candidates/<int:pk>/matches", candidate_matches, name="candidate_matches"),
]
