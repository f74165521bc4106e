"""Scenarios: saved projection set-ups, who may see and change them, and running them through
the projection engine with the partnership's imported figures."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from oneworkforce.core import audit
from oneworkforce.core.services import unique_slug

from .models import Scenario
from .permissions import is_planner

AUDITED = [
    "name",
    "description",
    "base_period",
    "include_social_care",
    "horizon_years",
    "runs",
    "seed",
    "demand_growth",
    "population_place",
    "population_ages",
    "destabilisation_threshold",
    "shared",
]


def visible_to(user: Any) -> QuerySet[Scenario]:
    """Shared scenarios, and the user's own."""
    scenarios = Scenario.objects.select_related("created_by")
    if user.is_partnership_admin:
        return scenarios
    return scenarios.filter(Q(shared=True) | Q(created_by=user))


def can_edit(user: Any, scenario: Scenario) -> bool:
    return bool(
        user.is_authenticated
        and is_planner(user)
        and (scenario.created_by_id == user.pk or user.is_partnership_admin)
    )


@transaction.atomic
def save(*, actor: Any, scenario: Scenario, organisations: Any, before: dict[str, Any]) -> Scenario:
    creating = scenario.pk is None
    if creating:
        scenario.created_by = actor
        scenario.slug = unique_slug(Scenario, scenario.name, fallback="scenario")
    scenario.save()
    scenario.organisations.set(organisations)
    after = audit.snapshot(scenario, AUDITED)
    audit.record(
        actor=actor,
        action="intelligence.scenario_created" if creating else "intelligence.scenario_changed",
        obj=scenario,
        changes=audit.diff(before, after) | {"organisations": sorted(o.pk for o in organisations)},
    )
    return scenario


@transaction.atomic
def set_interventions(
    *, actor: Any, scenario: Scenario, interventions: list[dict[str, Any]]
) -> None:
    before = list(scenario.interventions)
    scenario.interventions = interventions
    scenario.save(update_fields=["interventions", "updated_at"])
    audit.record(
        actor=actor,
        action="intelligence.scenario_interventions",
        obj=scenario,
        changes={"interventions": [before, interventions]},
    )
