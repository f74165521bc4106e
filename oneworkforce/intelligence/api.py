"""Workforce intelligence API: indicators against peers (open data, like the files they come
from), import provenance (planners), scenarios and projections (signed in)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from oneworkforce.core.api import Message, Text, ValidationProblems

from . import projection
from .access import is_planner
from .models import ImportBatch
from .projection import ScenarioError
from .scenarios import selectors as scenarios
from .statistics import presenters
from .statistics import selectors as indicators
from .statistics.nhs_files import ALL_STAFF_GROUPS

router = Router(tags=["Workforce intelligence"])


class SpreadOut(Schema):
    count: int
    lower_quartile: float
    median: float
    upper_quartile: float


class ComparisonOut(Schema):
    org_code: str
    org_name: str
    ics_code: str
    ics_name: str
    peer_group: str
    numerator: float
    denominator: float
    value: float | None = Field(..., description="The rate as a fraction (0.05 is 5%)")
    peers: SpreadOut | None
    ics: float | None
    england: float | None
    position: str = Field(..., description="high, low (outliers), upper, lower, middle, unknown")
    outlier: bool


class IndicatorOut(Schema):
    measure: str
    period: dt.date
    staff_group: str | None
    scope: str
    organisations: list[ComparisonOut]


class TurnoverQuery(Schema):
    period: dt.date | None = Field(None, description="First day of the period's first month")
    staff_group: Text = Field(ALL_STAFF_GROUPS, max_length=120)
    measure: str = Field("leavers", pattern="^(leavers|joiners|stability)$")
    scope: str = Field("partnership", pattern="^(partnership|ics|england)$")


class SicknessQuery(Schema):
    month: dt.date | None = Field(None, description="First day of the month")
    scope: str = Field("partnership", pattern="^(partnership|ics|england)$")


class ImportOut(Schema):
    kind: str
    file_name: str
    sha256: str
    rows: int
    records_created: int
    records_replaced: int
    periods: list[str]
    imported_via: str
    imported_at: dt.datetime


def _problem(field: str, message: str) -> Status:
    return Status(
        422,
        {"detail": "Some values are not valid.", "errors": [{"field": field, "message": message}]},
    )


@router.get(
    "/turnover",
    url_name="intelligence_turnover",
    response={200: IndicatorOut, 404: Message, 422: ValidationProblems},
    summary="Leaver, joiner or stability rates against peers, the ICS and England",
)
def turnover(request: HttpRequest, filters: Query[TurnoverQuery]):  # type: ignore[no-untyped-def]
    periods = indicators.turnover_periods()
    if not periods:
        return Status(404, {"detail": "No turnover figures have been imported."})
    period = filters.period or periods[0]
    if period not in periods:
        return _problem("query.period", "No figures for this period.")
    comparisons = indicators.turnover_comparisons(period, filters.staff_group, filters.measure)
    if not comparisons:
        return _problem("query.staff_group", "No figures for this staff group.")
    ics_code = indicators.partnership_ics_code(comparisons.values())
    return Status(
        200,
        {
            "measure": filters.measure,
            "period": period,
            "staff_group": filters.staff_group,
            "scope": filters.scope,
            "organisations": presenters.in_scope(
                comparisons, filters.scope, ics_code, indicators.partnership_codes()
            ),
        },
    )


@router.get(
    "/sickness",
    url_name="intelligence_sickness",
    response={200: IndicatorOut, 404: Message, 422: ValidationProblems},
    summary="Sickness absence rates against peers, the ICS and England",
)
def sickness(request: HttpRequest, filters: Query[SicknessQuery]):  # type: ignore[no-untyped-def]
    months = indicators.sickness_months()
    if not months:
        return Status(404, {"detail": "No sickness absence figures have been imported."})
    month = filters.month or months[0]
    if month not in months:
        return _problem("query.month", "No figures for this month.")
    comparisons = indicators.sickness_comparisons(month)
    ics_code = indicators.partnership_ics_code(comparisons.values())
    return Status(
        200,
        {
            "measure": "sickness",
            "period": month,
            "staff_group": None,
            "scope": filters.scope,
            "organisations": presenters.in_scope(
                comparisons, filters.scope, ics_code, indicators.partnership_codes()
            ),
        },
    )


@router.get(
    "/imports",
    url_name="intelligence_imports",
    auth=django_auth,
    response={200: list[ImportOut], 401: Message, 403: Message},
    summary="Provenance of every imported file (planners)",
)
def imports(request: HttpRequest):  # type: ignore[no-untyped-def]
    if not is_planner(request.user):
        return Status(403, {"detail": "Only planners can see imports."})
    return Status(200, list(ImportBatch.objects.all()[:500]))


class ScenarioOut(Schema):
    slug: str
    name: str
    description: str
    base_period: dt.date
    horizon_years: int
    runs: int
    seed: int
    interventions: list[dict]


class GroupGapOut(Schema):
    dimension: str
    key: list[str]
    label: str
    dates: list[str]
    demand_fte: list[float]
    supply_fte_p5: list[float]
    supply_fte_p50: list[float]
    supply_fte_p95: list[float]
    gap_fte: list[float]


class ProjectionOut(Schema):
    scenario: str
    runs: int
    seed: int | None
    groups: list[GroupGapOut]
    warnings: list[str]


class ProjectIn(Schema):
    scenario: str = Field(..., max_length=2_000_000, description="A scenario file (TOML)")
    runs: int | None = Field(None, ge=0, le=5000)
    seed: int | None = Field(None, ge=0, le=2**32 - 1)


MAX_API_CELLS = 2000


def _projection_out(result, warnings: list[str]) -> dict:  # type: ignore[no-untyped-def]
    groups = []
    for group in [
        result.group("total"),
        *result.groups_of("staff_group"),
        *result.groups_of("sector"),
    ]:
        bands, gap = result.bands(group), result.gap(group)
        groups.append(
            {
                "dimension": group.dimension,
                "key": list(group.key),
                "label": group.label,
                "dates": list(bands.dates),
                "demand_fte": gap.demand.round(3).tolist(),
                "supply_fte_p5": bands.p5.round(3).tolist(),
                "supply_fte_p50": bands.p50.round(3).tolist(),
                "supply_fte_p95": bands.p95.round(3).tolist(),
                "gap_fte": gap.fte.round(3).tolist(),
            }
        )
    return {
        "scenario": result.scenario.name,
        "runs": result.runs,
        "seed": result.seed,
        "groups": groups,
        "warnings": warnings,
    }


@router.get(
    "/scenarios",
    auth=django_auth,
    url_name="intelligence_scenarios",
    response={200: list[ScenarioOut], 401: Message},
    summary="Saved scenarios you can see",
)
def list_scenarios(request: HttpRequest):  # type: ignore[no-untyped-def]
    return scenarios.visible_to(request.user)


@router.get(
    "/scenarios/{slug}/projection",
    auth=django_auth,
    url_name="intelligence_scenario_projection",
    response={200: ProjectionOut, 401: Message, 404: Message, 422: ValidationProblems},
    summary="A saved scenario projected: supply, demand and gap by year, with warnings",
)
def scenario_projection(request: HttpRequest, slug: Text):  # type: ignore[no-untyped-def]
    item = scenarios.visible_to(request.user).filter(slug=slug).first()
    if item is None:
        return Status(404, {"detail": "No scenario with this slug that you can see."})
    try:
        outcome = scenarios.run(item)
    except ScenarioError as error:
        return Status(
            422,
            {
                "detail": "The scenario cannot be projected.",
                "errors": [{"field": "scenario", "message": m} for m in error.messages],
            },
        )
    return Status(200, _projection_out(outcome.result, outcome.warnings))


@router.post(
    "/project",
    auth=django_auth,
    url_name="intelligence_project",
    response={200: ProjectionOut, 401: Message, 403: Message, 422: ValidationProblems},
    summary="Project a scenario file (the same engine and format as `oneworkforce project`)",
)
def project_file(request: HttpRequest, payload: ProjectIn):  # type: ignore[no-untyped-def]
    try:
        scenario = projection.scenario_from_text(payload.scenario)
    except ScenarioError as error:
        return Status(
            422,
            {
                "detail": "The scenario file is not valid.",
                "errors": [{"field": "body.scenario", "message": m} for m in error.messages],
            },
        )
    if len(scenario.cells) > MAX_API_CELLS or scenario.horizon_months > 240:
        return _problem(
            "body.scenario",
            f"At most {MAX_API_CELLS} cells and 240 months here; use the command line for more.",
        )
    runs = payload.runs if payload.runs is not None else min(scenario.runs, 5000)
    result = projection.project(scenario, runs=runs, seed=payload.seed)
    return Status(200, _projection_out(result, []))
