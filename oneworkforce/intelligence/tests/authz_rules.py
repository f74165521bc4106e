"""Authorization-matrix rules for the workforce intelligence URLs."""

from __future__ import annotations

import datetime as dt

from oneworkforce.core.tests.authz import (
    ADMINS_OF_A,
    ANY_ADMIN,
    EVERYONE,
    ONLY_PARTNERSHIP_ADMIN,
    SIGNED_IN,
    Rule,
    World,
)
from oneworkforce.intelligence.models import ImportBatch, Scenario, SicknessFigure, TurnoverFigure

from . import authz_local

FORM = ("GET", "POST")
ACTION = ("POST",)
PLACE = {"region_code": "Y63", "region_name": "Region", "ics_code": "QWO", "ics_name": "WY"}


def _turnover(batch: ImportBatch, staff_group: str) -> None:
    TurnoverFigure.objects.create(
        batch=batch,
        period="202510 to 202511",
        period_start=dt.date(2025, 10, 1),
        period_end=dt.date(2025, 11, 1),
        org_code="RAA",
        org_name="Trust A",
        cluster_group="Acute",
        benchmark_group="Acute - Small",
        staff_group=staff_group,
        hc_start=100,
        fte_start=90,
        hc_end=102,
        fte_end=91,
        joiners_hc=4,
        joiners_fte=4,
        leavers_hc=2,
        leavers_fte=2,
        **PLACE,
    )


def build_world(world: World) -> None:
    authz_local.build_world(world)
    batch = ImportBatch.objects.create(kind="turnover", file_name="t.csv", sha256="0" * 64, rows=1)
    world.org_a.ods_code = "RAA"
    world.org_a.save()
    for group in ("All staff groups", "Nurses & health visitors"):
        _turnover(batch, group)
    SicknessFigure.objects.create(
        batch=batch,
        period_start=dt.date(2024, 4, 1),
        org_code="RAA",
        org_name="Trust A",
        org_type="Acute",
        fte_days_lost=40,
        fte_days_available=1000,
        published_rate=4,
        **PLACE,
    )
    world.scenario = Scenario.objects.create(
        name="Retention",
        slug="retention",
        base_period=dt.date(2025, 10, 1),
        runs=50,
        horizon_years=2,
        created_by=world.users["partner_admin_a"],
        interventions=[
            {
                "kind": "leaver_rate",
                "name": "Fewer leavers",
                "percentage_points": -2.0,
                "where": {"staff_groups": ["Nurses & health visitors"]},
                "start_month": 0,
            }
        ],
    )
    world.scenario.organisations.set([world.org_a])
    world.other = Scenario.objects.create(
        name="Other", slug="other", base_period=dt.date(2025, 10, 1), runs=50, horizon_years=2
    )
    world.other.organisations.set([world.org_a])


def _scenario(world: World) -> dict[str, str]:
    return {"slug": world.scenario.slug}


RULES: dict[str, Rule] = {
    "intelligence:home": Rule(EVERYONE),
    "intelligence:turnover": Rule(EVERYONE, query="scope=england&measure=stability"),
    "intelligence:sickness": Rule(EVERYONE),
    "intelligence:organisation": Rule(EVERYONE, kwargs=lambda w: {"code": "RAA"}),
    "intelligence:data": Rule(ANY_ADMIN),
    "intelligence:import_national": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    # Scenarios: shared ones are seen by everyone signed in; planners set them up; the person
    # who set one up (here partner admin A) and partnership admins change it.
    "intelligence:scenarios": Rule(SIGNED_IN),
    "intelligence:scenario_add": Rule(ANY_ADMIN, methods=FORM),
    "intelligence:scenario_compare": Rule(SIGNED_IN, query="s=retention&s=other"),
    "intelligence:scenario": Rule(SIGNED_IN, kwargs=_scenario, query="group=sector:"),
    "intelligence:scenario_edit": Rule(ADMINS_OF_A, kwargs=_scenario, methods=FORM),
    "intelligence:intervention_add": Rule(
        ADMINS_OF_A, kwargs=_scenario, methods=FORM, query="type=leaver_rate"
    ),
    "intelligence:intervention_remove": Rule(
        ADMINS_OF_A, kwargs=lambda w: {"slug": w.scenario.slug, "index": 0}, methods=ACTION
    ),
    "intelligence:scenario_toml": Rule(SIGNED_IN, kwargs=_scenario),
    "intelligence:scenario_csv": Rule(SIGNED_IN, kwargs=_scenario),
    "api:intelligence_turnover": Rule(EVERYONE),
    "api:intelligence_sickness": Rule(EVERYONE),
    "api:intelligence_imports": Rule(ANY_ADMIN),
    "api:intelligence_scenarios": Rule(SIGNED_IN),
    "api:intelligence_scenario_projection": Rule(SIGNED_IN, kwargs=_scenario),
    "api:intelligence_project": Rule(SIGNED_IN, methods=ACTION),
    **authz_local.RULES,
}
