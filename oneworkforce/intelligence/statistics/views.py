"""National workforce statistics pages: indicators against peers, an organisation's figures,
and the imported files with their provenance."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.http import csv_response
from oneworkforce.core.permissions import public
from oneworkforce.core.presenters import paginate, pagination, query_without_page
from oneworkforce.core.viewhelpers import posted

from ..access import is_partnership_analyst, partnership_analyst, planner
from ..models import TurnoverFigure
from . import nhs_files, presenters, selectors, services
from .forms import IndicatorFilter, NationalImportForm, optional_choice
from .nhs_files import ALL_STAFF_GROUPS

GET_POST = require_http_methods(["GET", "POST"])

ORG_CODE = re.compile(r"^[A-Za-z0-9]{1,10}$")


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"intelligence/statistics/{template}", context)


def _clean(form: forms.Form, defaults: dict[str, str]) -> dict[str, str]:
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    return {name: cleaned.get(name) or default for name, default in defaults.items()}


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    periods = selectors.turnover_periods()
    months = selectors.sickness_months()
    context: dict[str, Any] = {
        "period": periods[0] if periods else None,
        "month": months[0] if months else None,
        "imports": selectors.import_count(),
        "positions": presenters.POSITION_TEXT,
    }
    if periods:
        comparisons = selectors.turnover_comparisons(periods[0], ALL_STAFF_GROUPS, "leavers")
        ours = presenters.in_scope(comparisons, "partnership", None, selectors.partnership_codes())
        context["leavers"] = ours
        context["leavers_chart"] = presenters.chart_for(ours, digits=2)
    if months:
        sickness = selectors.sickness_comparisons(months[0])
        ours_sick = presenters.in_scope(
            sickness, "partnership", None, selectors.partnership_codes()
        )
        context["sickness"] = ours_sick
        context["sickness_chart"] = presenters.chart_for(ours_sick)
    return _page(request, "home.jinja", **context)


@public
@require_GET
def turnover(request: HttpRequest) -> HttpResponse:
    periods = selectors.turnover_periods()
    if not periods:
        return _page(request, "empty.jinja", what="turnover")
    period_choices = [(p.isoformat(), presenters.month(p)) for p in periods]
    groups = selectors.staff_groups()
    form = IndicatorFilter(request.GET, periods=period_choices, groups=groups)
    form.fields["measure"] = optional_choice(
        "leavers", [(key, label) for key, (label, _) in selectors.TURNOVER_MEASURES.items()]
    )
    chosen = _clean(
        form,
        {
            "period": period_choices[0][0],
            "staff_group": ALL_STAFF_GROUPS if ALL_STAFF_GROUPS in groups else groups[0],
            "measure": "leavers",
            "scope": "partnership",
        },
    )
    period = next(p for p in periods if p.isoformat() == chosen["period"])
    comparisons = selectors.turnover_comparisons(period, chosen["staff_group"], chosen["measure"])
    ics_code = selectors.partnership_ics_code(comparisons.values())
    rows = presenters.in_scope(
        comparisons, chosen["scope"], ics_code, selectors.partnership_codes()
    )
    label = selectors.TURNOVER_MEASURES[chosen["measure"]][0]
    if request.GET.get("format") == "csv":
        return csv_response(
            f"{chosen['measure']}-{period:%Y-%m}.csv",
            [*presenters.COMPARISON_CSV_HEADER[:-1], "staff_group", "position"],
            [
                [*row[:-1], chosen["staff_group"], row[-1]]
                for row in presenters.comparison_csv_rows(rows, chosen["period"])
            ],
        )
    return _page(
        request,
        "turnover.jinja",
        form=form,
        chosen=chosen,
        period=period,
        label=label,
        rows=rows,
        chart=presenters.chart_for(rows, digits=1 if chosen["measure"] == "stability" else 2),
        positions=presenters.POSITION_TEXT,
        query=request.GET.urlencode(),
        outliers=sum(1 for r in rows if r.outlier),
    )


@public
@require_GET
def sickness(request: HttpRequest) -> HttpResponse:
    months = selectors.sickness_months()
    if not months:
        return _page(request, "empty.jinja", what="sickness")
    month_choices = [(m.isoformat(), presenters.month(m)) for m in months]
    form = IndicatorFilter(request.GET, periods=month_choices, groups=[])
    chosen = _clean(form, {"period": month_choices[0][0], "scope": "partnership"})
    month = next(m for m in months if m.isoformat() == chosen["period"])
    comparisons = selectors.sickness_comparisons(month)
    ics_code = selectors.partnership_ics_code(comparisons.values())
    rows = presenters.in_scope(
        comparisons, chosen["scope"], ics_code, selectors.partnership_codes()
    )
    if request.GET.get("format") == "csv":
        return csv_response(
            f"sickness-absence-{month:%Y-%m}.csv",
            presenters.COMPARISON_CSV_HEADER,
            presenters.comparison_csv_rows(rows, chosen["period"]),
        )
    return _page(
        request,
        "sickness.jinja",
        form=form,
        chosen=chosen,
        month=month,
        rows=rows,
        chart=presenters.chart_for(rows),
        positions=presenters.POSITION_TEXT,
        query=request.GET.urlencode(),
        outliers=sum(1 for r in rows if r.outlier),
    )


@public
@require_GET
def organisation(request: HttpRequest, code: str) -> HttpResponse:
    if not ORG_CODE.match(code):
        raise Http404
    code = code.upper()
    latest = selectors.latest_figure(code)
    nationality_latest = selectors.latest_nationality_figure(code)
    if latest is None and nationality_latest is None:
        raise Http404
    name = latest.org_name if latest is not None else nationality_latest.org_name  # type: ignore[union-attr]
    turnover_rows = (
        selectors.organisation_turnover(latest.period_start, code)
        if isinstance(latest, TurnoverFigure)
        else []
    )
    turnover_trend = selectors.turnover_series(code)
    turnover_chart, turnover_trend_rows = (
        presenters.trend_chart(turnover_trend, "This organisation")
        if len(turnover_trend) > 1
        else (None, [])
    )
    sickness_chart, sickness_rows = presenters.trend_chart(
        selectors.sickness_series(code), "This organisation"
    )
    nationalities = (
        selectors.nationality_shares(code, nationality_latest.period_start)
        if nationality_latest is not None
        else []
    )
    partner = selectors.partnership_codes().get(code)
    return _page(
        request,
        "organisation.jinja",
        code=code,
        name=name,
        partner=partner,
        latest=latest,
        turnover_rows=turnover_rows,
        sickness_chart=sickness_chart,
        sickness_rows=sickness_rows,
        turnover_chart=turnover_chart,
        turnover_trend_rows=turnover_trend_rows,
        nationalities=nationalities,
        nationality_month=nationality_latest.period_start if nationality_latest else None,
        nationality_chart=presenters.share_chart(nationalities),
        positions=presenters.POSITION_TEXT,
    )


@planner
@require_GET
def data(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.import_batches())
    return _page(
        request,
        "data.jinja",
        page=page,
        pagination=pagination(page, query_without_page(request)),
        may_import=is_partnership_analyst(request.user),
    )


@partnership_analyst
@GET_POST
def import_national(request: HttpRequest) -> HttpResponse:
    form = NationalImportForm(posted(request), request.FILES if request.method == "POST" else None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()[:6]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{suffix}"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                parsed = services.read(form.cleaned_data["kind"], path)
            except nhs_files.FileError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                parsed = nhs_files.ParsedFile(
                    parsed.kind, Path(upload.name).name, parsed.sha256, parsed.rows, parsed.records
                )
                batch = services.save(parsed, user=request.user, via="upload")
                messages.success(
                    request,
                    f"{batch.file_name} imported: {batch.records_created:,} figures "
                    f"({batch.records_replaced:,} replaced).",
                )
                return redirect("intelligence:data")
    return _page(request, "import.jinja", form=form)
