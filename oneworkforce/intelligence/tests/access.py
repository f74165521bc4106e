"""Authorization-matrix rules for the workforce intelligence URLs."""

from __future__ import annotations

import datetime as dt

from oneworkforce.core.tests.authz import (
    ANY_ADMIN,
    EVERYONE,
    ONLY_PARTNERSHIP_ADMIN,
    Rule,
    World,
)
from oneworkforce.intelligence.models import ImportBatch, SicknessFigure, TurnoverFigure

from . import access_local

FORM = ("GET", "POST")
ACTION = ("POST",)


def build_world(world: World) -> None:
    access_local.build_world(world)
    batch = ImportBatch.objects.create(kind="turnover", file_name="t.csv", sha256="0" * 64, rows=1)
    world.org_a.ods_code = "RAA"
    world.org_a.save()
    TurnoverFigure.objects.create(
        batch=batch,
        period="202510 to 202511",
        period_start=dt.date(2025, 10, 1),
        period_end=dt.date(2025, 11, 1),
        region_code="Y63",
        region_name="Region",
        ics_code="QWO",
        ics_name="West Yorkshire",
        org_code="RAA",
        org_name="Trust A",
        cluster_group="Acute",
        benchmark_group="Acute - Small",
        staff_group="All staff groups",
        hc_start=100,
        fte_start=90,
        hc_end=102,
        fte_end=91,
        joiners_hc=4,
        joiners_fte=4,
        leavers_hc=2,
        leavers_fte=2,
    )
    SicknessFigure.objects.create(
        batch=batch,
        period_start=dt.date(2024, 4, 1),
        region_code="Y63",
        region_name="Region",
        ics_code="QWO",
        ics_name="West Yorkshire",
        org_code="RAA",
        org_name="Trust A",
        org_type="Acute",
        fte_days_lost=40,
        fte_days_available=1000,
        published_rate=4,
    )


RULES: dict[str, Rule] = {
    "intelligence:home": Rule(EVERYONE),
    "intelligence:turnover": Rule(EVERYONE, query="scope=england&measure=stability"),
    "intelligence:sickness": Rule(EVERYONE),
    "intelligence:organisation": Rule(EVERYONE, kwargs=lambda w: {"code": "RAA"}),
    "intelligence:data": Rule(ANY_ADMIN),
    "intelligence:import_national": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "api:intelligence_turnover": Rule(EVERYONE),
    "api:intelligence_sickness": Rule(EVERYONE),
    "api:intelligence_imports": Rule(ANY_ADMIN),
    **access_local.RULES,
}
