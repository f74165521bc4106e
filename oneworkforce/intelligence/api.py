"""Workforce intelligence API: indicators against peers (open data, like the files they come
from), import provenance (planners), scenarios and projections (signed in)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from oneworkforce.core.api import Message, ValidationProblems

from . import indicators, presenters
from .models import ImportBatch
from .nhs_files import ALL_STAFF_GROUPS
from .permissions import is_planner

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
    staff_group: str = Field(ALL_STAFF_GROUPS, max_length=120)
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
    ics_code = presenters.partnership_ics_code(comparisons.values())
    return Status(
        200,
        {
            "measure": filters.measure,
            "period": period,
            "staff_group": filters.staff_group,
            "scope": filters.scope,
            "organisations": presenters.in_scope(comparisons, filters.scope, ics_code),
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
    ics_code = presenters.partnership_ics_code(comparisons.values())
    return Status(
        200,
        {
            "measure": "sickness",
            "period": month,
            "staff_group": None,
            "scope": filters.scope,
            "organisations": presenters.in_scope(comparisons, filters.scope, ics_code),
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
