"""Saving scenarios and the changes they test; each workflow is one transaction, audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from oneworkforce.core import audit
from oneworkforce.core.services import unique_slug

from ..models import Scenario
from .selectors import to_engine

if TYPE_CHECKING:
    from oneworkforce.partners.models import User

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
    "recruitment",
    "fill_rate",
    "market_limit",
    "leaver_doubt",
    "shared",
]


@transaction.atomic
def save(
    *, actor: User, scenario: Scenario, organisations: Any, before: dict[str, Any]
) -> Scenario:
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
    *, actor: User, scenario: Scenario, interventions: list[dict[str, Any]]
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


def add_intervention(*, actor: User, scenario: Scenario, item: dict[str, Any]) -> None:
    """Add a change, after checking the scenario still makes sense with it (ScenarioError)."""
    interventions = [*scenario.interventions, item]
    saved = scenario.interventions
    scenario.interventions = interventions
    try:
        to_engine(scenario)
    finally:
        scenario.interventions = saved
    set_interventions(actor=actor, scenario=scenario, interventions=interventions)
