"""Reads for the apprenticeship pages and the API, scoped to what the person may see."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from oneworkforce.core import geography
from oneworkforce.partners.access import is_partnership_admin
from oneworkforce.partners.choices import Role
from oneworkforce.partners.models import Organisation, User

from .. import rotations
from ..access import coordinates, views_apprentice, views_cohort
from ..models import Apprentice, Assignment, Cohort, Placement, Preference
from .presenters import (
    STATUS_TEXT,
    STOPPED_TEXT,
    assignment_cell,
    block_labels,
    ints,
    ordinal_choice,
)


def cohorts_for(user: User) -> QuerySet[Cohort]:
    """Cohorts the user coordinates, sees as a partner admin, or is an apprentice in."""
    cohorts = Cohort.objects.all()
    coordinator_of = set(
        user.role_grants.filter(revoked_at__isnull=True, role=Role.TALENT_COORDINATOR).values_list(
            "organisation_id", flat=True
        )
    )
    if is_partnership_admin(user) or None in coordinator_of:
        return cohorts
    organisations = set(user.administered_organisation_ids) | coordinator_of
    return cohorts.filter(
        Q(partners__in=organisations)
        | Q(training_provider__in=organisations)
        | Q(apprentices__person=user)
    ).distinct()


# The pages' rows: 404 when there is no such row, 403 when the person may not see it ---------


def cohort_for(*, user: User, slug: str, coordinate: bool = False) -> Cohort:
    """The cohort, for someone who sees it (or, with ``coordinate``, coordinates it)."""
    cohort = get_object_or_404(Cohort.objects.select_related("training_provider"), slug=slug)
    allowed = coordinates if coordinate else views_cohort
    if not allowed(user, cohort):
        raise PermissionDenied
    return cohort


def apprentice_for(
    *,
    user: User,
    slug: str,
    pk: int,
    allowed: Callable[[Any, Apprentice], bool] = views_apprentice,
) -> tuple[Cohort, Apprentice]:
    """The cohort and one of its apprentices, for someone ``allowed`` (by default: the apprentice
    themself and everyone who sees the cohort)."""
    cohort = get_object_or_404(Cohort, slug=slug)
    apprentice = get_object_or_404(cohort.apprentices.select_related("employer", "cohort"), pk=pk)
    if not allowed(user, apprentice):
        raise PermissionDenied
    return cohort, apprentice


def assignment_in(*, cohort: Cohort, pk: int) -> Assignment:
    """One of the cohort's assignments (the caller has checked who may see the cohort)."""
    return get_object_or_404(
        Assignment.objects.select_related("apprentice", "placement__site"),
        pk=pk,
        apprentice__cohort=cohort,
    )


def partners_of(cohort: Cohort) -> QuerySet[Organisation]:
    return cohort.partners.order_by("name")


def placements_of(cohort: Cohort) -> list[Placement]:
    return list(cohort.placements.select_related("site__organisation").order_by("site__name"))


def distances(apprentice: Apprentice, placements: list[Any]) -> dict[int, float]:
    """``{placement pk: km}`` from the apprentice's home, where both postcodes are known."""
    if not apprentice.home_postcode:
        return {}
    located = geography.locate_many(
        [apprentice.home_postcode, *(p.site.postcode for p in placements)]
    )
    home = located.get(apprentice.home_postcode)
    if home is None:
        return {}
    return {
        p.pk: geography.haversine_km(*home, *located[p.site.postcode])
        for p in placements
        if p.site.postcode in located
    }


# Figures and plans -----------------------------------------------------------------------------


def _choices(cohort: Cohort) -> dict[tuple[int, int], int]:
    """``{(apprentice pk, placement pk): choice number}``, 1 for a first choice."""
    found: dict[tuple[int, int], int] = {}
    position: Counter[int] = Counter()
    for apprentice_id, placement_id in (
        Preference.objects.filter(apprentice__cohort=cohort)
        .order_by("apprentice", "rank", "pk")
        .values_list("apprentice_id", "placement_id")
    ):
        position[apprentice_id] += 1
        found[apprentice_id, placement_id] = position[apprentice_id]
    return found


def cohort_summary(cohort: Cohort) -> dict[str, Any]:
    """The cohort page's figures: blocks, placements, apprentices and the allocation."""
    placements = list(cohort.placements.select_related("site__organisation"))
    apprentices = list(
        cohort.apprentices.select_related("employer").prefetch_related("preferences")
    )
    assigned = Assignment.objects.filter(apprentice__cohort=cohort, block__lte=cohort.blocks)
    labels = block_labels(cohort)
    totals = [
        sum(ints(p.places)[n] if n < len(ints(p.places)) else 0 for p in placements)
        for n in range(cohort.blocks)
    ]
    objective = cohort.objective or {}
    return {
        "blocks": [
            {"label": label, "places": totals[n], "apprentices": len(apprentices)}
            for n, label in enumerate(labels)
        ],
        "placements": [
            {
                "site": p.site.name,
                "partner": p.site.organisation.name,
                "setting": p.get_setting_display(),
                "places": list(ints(p.places)),
                "supervisors": (
                    "No limit beyond the places"
                    if p.supervisors is None
                    else ", ".join(str(s) for s in ints(p.supervisors))
                ),
            }
            for p in sorted(placements, key=lambda p: (p.site.name, p.pk))
        ],
        "apprentices": [
            {
                "pk": a.pk,
                "name": a.name,
                "employer": a.employer.name,
                "travel": f"{a.max_travel_km} km" if a.max_travel_km else "No limit given",
                "ranked": len(a.preferences.all()),
            }
            for a in apprentices
        ],
        "allocated": cohort.allocated_at is not None,
        "status": STATUS_TEXT.get(cohort.solver_status, cohort.solver_status),
        "stopped_by": STOPPED_TEXT.get(objective.get("stopped_by", "")),
        "worst": objective.get("worst"),
        "total": objective.get("total"),
        "bound_total": objective.get("bound_total"),
        "gap_total": objective.get("gap_total"),
        "gap_worst": objective.get("gap_worst"),
        "seconds": objective.get("seconds"),
        "choices": choices_met(cohort, assigned),
        "missing": max(0, len(apprentices) * cohort.blocks - assigned.count())
        if cohort.allocated_at
        else 0,
    }


def choices_met(cohort: Cohort, assigned: QuerySet[Assignment]) -> list[dict[str, Any]]:
    """How many placements in the current plan were which choice (coordinators' changes
    counted apart), best first."""
    ranks = _choices(cohort)
    found: Counter[int] = Counter()
    for apprentice_id, placement_id, reason in assigned.values_list(
        "apprentice_id", "placement_id", "override_reason"
    ):
        # 0: set by a coordinator; a large number: not one of their choices.
        found[0 if reason else ranks.get((apprentice_id, placement_id), 10**6)] += 1
    labels = {0: "Set by a coordinator", 10**6: "Not one of their choices"}
    return [
        {"label": labels.get(n) or ordinal_choice(n), "count": count}
        for n, count in sorted(found.items(), key=lambda item: (item[0] == 0, item[0]))
    ]


def _assignments(cohort: Cohort) -> dict[int, dict[int, Assignment]]:
    found: dict[int, dict[int, Assignment]] = defaultdict(dict)
    for a in Assignment.objects.filter(
        apprentice__cohort=cohort, block__lte=cohort.blocks
    ).select_related("placement__site"):
        found[a.apprentice_id][a.block] = a
    return found


def plan_by_apprentice(cohort: Cohort) -> list[dict[str, Any]]:
    """One row per apprentice: employer, each block's placement and setting, the choices met."""
    choices = _choices(cohort)
    assignments = _assignments(cohort)
    rows = []
    for apprentice in cohort.apprentices.select_related("employer").order_by("name", "pk"):
        mine = assignments.get(apprentice.pk, {})
        cells = [assignment_cell(mine.get(b), choices) for b in range(1, cohort.blocks + 1)]
        numbers = [c.get("choice_number") for c in cells if c.get("placement") != "Not placed yet"]
        rows.append(
            {
                "pk": apprentice.pk,
                "name": apprentice.name,
                "employer": apprentice.employer.name,
                "blocks": cells,
                "choices": ", ".join(rotations.ordinal(n) if n else "not ranked" for n in numbers),
            }
        )
    return rows


def plan_by_site(cohort: Cohort) -> list[dict[str, Any]]:
    """One entry per placement: in each block, who is placed there against the places."""
    placed: dict[tuple[int, int], list[Apprentice]] = defaultdict(list)
    for a in (
        Assignment.objects.filter(apprentice__cohort=cohort, block__lte=cohort.blocks)
        .select_related("apprentice")
        .order_by("apprentice__name")
    ):
        placed[a.placement_id, a.block].append(a.apprentice)
    labels = block_labels(cohort)
    sites = []
    for p in cohort.placements.select_related("site__organisation").order_by("site__name", "pk"):
        places = ints(p.places)
        supervisors = None if p.supervisors is None else ints(p.supervisors)
        blocks = []
        for n, label in enumerate(labels, start=1):
            people = placed.get((p.pk, n), [])
            offered = places[n - 1] if n - 1 < len(places) else 0
            blocks.append(
                {
                    "label": label,
                    "places": offered,
                    "supervisors": supervisors[n - 1]
                    if supervisors and n - 1 < len(supervisors)
                    else None,
                    "count": len(people),
                    "people": [{"pk": a.pk, "name": a.name} for a in people],
                }
            )
        sites.append(
            {
                "site": p.site.name,
                "partner": p.site.organisation.name,
                "setting": p.get_setting_display(),
                "postcode": p.site.postcode,
                "blocks": blocks,
            }
        )
    return sites


def apprentice_plan(apprentice: Apprentice) -> dict[str, Any]:
    """One apprentice's choices and each block's placement with its explanation."""
    cohort = apprentice.cohort
    choices = _choices(cohort)
    mine = _assignments(cohort).get(apprentice.pk, {})
    blocks = []
    for n, label in enumerate(block_labels(cohort), start=1):
        row = mine.get(n)
        blocks.append(
            {
                "number": n,
                "label": label,
                "assignment": row,
                **assignment_cell(row, choices),
                "explanation": row.explanation if row else "",
                "reason": row.override_reason if row else "",
            }
        )
    ranked = [
        {
            "rank": n,
            "placement": pref.placement.site.name,
            "setting": pref.placement.get_setting_display(),
            "partner": pref.placement.site.organisation.name,
        }
        for n, pref in enumerate(
            apprentice.preferences.select_related("placement__site__organisation").order_by(
                "rank", "pk"
            ),
            start=1,
        )
    ]
    return {"blocks": blocks, "ranked": ranked}


def cohort_rows(user: User) -> list[dict[str, Any]]:
    """The cohorts list: where each cohort's link goes depends on what the user may see."""
    rows = []
    for cohort in (
        cohorts_for(user).select_related("training_provider").prefetch_related("partners")
    ):
        if views_cohort(user, cohort):
            href = reverse("deployments:cohort", kwargs={"slug": cohort.slug})
        else:
            mine = cohort.apprentices.filter(person=user).first()
            if mine is None:
                continue
            href = reverse(
                "deployments:cohort_apprentice", kwargs={"slug": cohort.slug, "pk": mine.pk}
            )
        rows.append(
            {
                "name": cohort.name,
                "href": href,
                "standard": cohort.standard,
                "starts_on": cohort.starts_on,
                "partners": len(cohort.partners.all()),
                "allocated": cohort.allocated_at,
            }
        )
    return rows
