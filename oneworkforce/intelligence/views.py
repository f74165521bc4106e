"""Workforce intelligence pages: indicators against peers, local data, imports, scenarios."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core import audit
from oneworkforce.core.http import csv_response
from oneworkforce.core.permissions import public, signed_in
from oneworkforce.core.presenters import paginate, pagination, query_without_page
from oneworkforce.core.viewhelpers import posted
from oneworkforce.partners.models import Organisation

from . import importing, indicators, nhs_files, presenters, projection_views, scenarios
from .forms import INTERVENTION_FORMS, INTERVENTION_TYPES, NationalImportForm, ScenarioForm
from .models import ImportBatch, NationalityFigure, Scenario, SicknessFigure, TurnoverFigure
from .nhs_files import ALL_STAFF_GROUPS
from .permissions import is_partnership_analyst, is_planner, partnership_analyst, planner
from .projection.toml_io import ScenarioError, dump_scenario

GET_POST = require_http_methods(["GET", "POST"])

SCOPES = [
    ("partnership", "Our partnership's organisations"),
    ("ics", "Every organisation in our ICS"),
    ("england", "Every organisation in England"),
]
ORG_CODE = re.compile(r"^[A-Za-z0-9]{1,10}$")


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"intelligence/{template}", context)


def _choice(value: Any, choices: list[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, initial=value, required=False)


class IndicatorFilter(forms.Form):
    """Period, staff group, measure and scope for the indicator pages; anything not offered
    falls back to the default with a message (never an error page)."""

    def __init__(self, data: Any, *, periods: list[tuple[str, str]], groups: list[str]) -> None:
        super().__init__(data)
        self.fields["period"] = _choice(None, periods)
        if groups:
            self.fields["staff_group"] = _choice(None, [(g, g) for g in groups])
        self.fields["scope"] = _choice("partnership", SCOPES)


def _clean(form: forms.Form, defaults: dict[str, str]) -> dict[str, str]:
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    return {name: cleaned.get(name) or default for name, default in defaults.items()}


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    periods = indicators.turnover_periods()
    months = indicators.sickness_months()
    context: dict[str, Any] = {
        "period": periods[0] if periods else None,
        "month": months[0] if months else None,
        "imports": ImportBatch.objects.count(),
        "positions": presenters.POSITION_TEXT,
    }
    if periods:
        comparisons = indicators.turnover_comparisons(periods[0], ALL_STAFF_GROUPS, "leavers")
        ours = presenters.in_scope(comparisons, "partnership", None)
        context["leavers"] = ours
        context["leavers_chart"] = presenters.chart_for(ours, digits=2)
    if months:
        sickness = indicators.sickness_comparisons(months[0])
        ours_sick = presenters.in_scope(sickness, "partnership", None)
        context["sickness"] = ours_sick
        context["sickness_chart"] = presenters.chart_for(ours_sick)
    return _page(request, "home.jinja", **context)


@public
@require_GET
def turnover(request: HttpRequest) -> HttpResponse:
    periods = indicators.turnover_periods()
    if not periods:
        return _page(request, "empty.jinja", what="turnover")
    period_choices = [(p.isoformat(), presenters.month(p)) for p in periods]
    groups = indicators.staff_groups()
    form = IndicatorFilter(request.GET, periods=period_choices, groups=groups)
    form.fields["measure"] = _choice(
        "leavers", [(key, label) for key, (label, _) in indicators.TURNOVER_MEASURES.items()]
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
    comparisons = indicators.turnover_comparisons(period, chosen["staff_group"], chosen["measure"])
    ics_code = presenters.partnership_ics_code(comparisons.values())
    rows = presenters.in_scope(comparisons, chosen["scope"], ics_code)
    label = indicators.TURNOVER_MEASURES[chosen["measure"]][0]
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
    months = indicators.sickness_months()
    if not months:
        return _page(request, "empty.jinja", what="sickness")
    month_choices = [(m.isoformat(), presenters.month(m)) for m in months]
    form = IndicatorFilter(request.GET, periods=month_choices, groups=[])
    chosen = _clean(form, {"period": month_choices[0][0], "scope": "partnership"})
    month = next(m for m in months if m.isoformat() == chosen["period"])
    comparisons = indicators.sickness_comparisons(month)
    ics_code = presenters.partnership_ics_code(comparisons.values())
    rows = presenters.in_scope(comparisons, chosen["scope"], ics_code)
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
    latest = (
        TurnoverFigure.objects.filter(org_code=code).order_by("-period_start").first()
        or SicknessFigure.objects.filter(org_code=code).order_by("-period_start").first()
    )
    nationality_latest = (
        NationalityFigure.objects.filter(org_code=code).order_by("-period_start").first()
    )
    if latest is None and nationality_latest is None:
        raise Http404
    name = latest.org_name if latest is not None else nationality_latest.org_name  # type: ignore[union-attr]
    turnover_rows = (
        indicators.organisation_turnover(latest.period_start, code)
        if isinstance(latest, TurnoverFigure)
        else []
    )
    turnover_trend = indicators.turnover_series(code)
    turnover_chart, turnover_trend_rows = (
        presenters.trend_chart(turnover_trend, "This organisation")
        if len(turnover_trend) > 1
        else (None, [])
    )
    sickness_chart, sickness_rows = presenters.trend_chart(
        indicators.sickness_series(code), "This organisation"
    )
    nationalities = []
    if nationality_latest is not None:
        figures = NationalityFigure.objects.filter(
            org_code=code, period_start=nationality_latest.period_start
        )
        totals: dict[str, float] = {}
        for figure in figures:
            totals[figure.nationality] = totals.get(figure.nationality, 0.0) + figure.fte
        whole = sum(totals.values()) or 1.0
        nationalities = sorted(
            ({"name": k, "fte": v, "share": v / whole} for k, v in totals.items()),
            key=lambda item: -item["fte"],
        )[:10]
    partner = presenters.partnership_codes().get(code)
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
    page = paginate(
        request, ImportBatch.objects.select_related("imported_by", "organisation", "place")
    )
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
                parsed = importing.read(form.cleaned_data["kind"], path)
            except nhs_files.FileError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                parsed = nhs_files.ParsedFile(
                    parsed.kind, Path(upload.name).name, parsed.sha256, parsed.rows, parsed.records
                )
                batch = importing.save(parsed, user=request.user, via="upload")
                messages.success(
                    request,
                    f"{batch.file_name} imported: {batch.records_created:,} figures "
                    f"({batch.records_replaced:,} replaced).",
                )
                return redirect("intelligence:data")
    return _page(request, "import.jinja", form=form)


# Scenarios (filled in below once the engine lands) ---------------------------------------------


def _scenario_or_404(request: HttpRequest, slug: str) -> Scenario:
    scenario = scenarios.visible_to(request.user).filter(slug=slug).first()
    if scenario is None:
        raise Http404
    return scenario


@signed_in
@require_GET
def scenarios_list(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "scenarios.jinja",
        scenarios=list(scenarios.visible_to(request.user)),
        may_plan=is_planner(request.user),
    )


def _scenario_form(request: HttpRequest, scenario: Scenario | None) -> HttpResponse:
    periods = indicators.turnover_periods()
    if not periods:
        return _page(request, "empty.jinja", what="turnover")
    instance = scenario or Scenario()
    before = audit.snapshot_stored(instance, scenarios.AUDITED) if scenario else {}
    initial = {} if scenario else {"organisations": None, "base_period": periods[0].isoformat()}
    form = ScenarioForm(posted(request), instance=instance, periods=periods, initial=initial)
    if scenario is None and not form.is_bound:
        form.initial["organisations"] = list(form.fields["organisations"].queryset)
    if form.is_valid():
        saved = scenarios.save(
            actor=request.user,
            scenario=form.save(commit=False),
            organisations=form.cleaned_data["organisations"],
            before=before,
        )
        messages.success(request, "The scenario has been saved.")
        return redirect(saved)
    return render(
        request,
        "intelligence/scenario_form.jinja",
        {
            "form": form,
            "heading": f"Change {scenario.name}" if scenario else "Set up a scenario",
            "submit_text": "Save scenario",
            "back_href": scenario.get_absolute_url()
            if scenario
            else reverse("intelligence:scenarios"),
        },
    )


@planner
@GET_POST
def scenario_add(request: HttpRequest) -> HttpResponse:
    return _scenario_form(request, None)


@planner
@GET_POST
def scenario_edit(request: HttpRequest, slug: str) -> HttpResponse:
    scenario = _scenario_or_404(request, slug)
    if not scenarios.can_edit(request.user, scenario):
        raise PermissionDenied
    return _scenario_form(request, scenario)


def _editable(request: HttpRequest, slug: str) -> Scenario:
    scenario = _scenario_or_404(request, slug)
    if not scenarios.can_edit(request.user, scenario):
        raise PermissionDenied
    return scenario


@planner
@GET_POST
def intervention_add(request: HttpRequest, slug: str) -> HttpResponse:
    scenario = _editable(request, slug)
    kind = request.GET.get("type", "")
    if kind not in INTERVENTION_FORMS:
        return _page(
            request, "intervention_type.jinja", scenario=scenario, types=INTERVENTION_TYPES
        )
    try:
        base = scenarios.to_engine(scenario, interventions=False)
    except ScenarioError as error:
        return _problem_page(request, scenario, error)
    form = INTERVENTION_FORMS[kind](
        posted(request),
        cells=base.cells,
        organisations=Organisation.objects.active(),
        horizon=12 * scenario.horizon_years,
    )
    if form.is_valid():
        item = form.intervention()
        try:
            scenarios.add_intervention(actor=request.user, scenario=scenario, item=item)
        except ScenarioError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"“{item['name']}” has been added to the scenario.")
            return redirect(scenario)
    return render(
        request,
        "intelligence/intervention_form.jinja",
        {
            "form": form,
            "scenario": scenario,
            "heading": INTERVENTION_TYPES[kind],
            "caption": scenario.name,
            "submit_text": "Add this change",
            "back_href": reverse("intelligence:intervention_add", kwargs={"slug": slug}),
        },
    )


@planner
@require_POST
def intervention_remove(request: HttpRequest, slug: str, index: int) -> HttpResponse:
    scenario = _editable(request, slug)
    if not 0 <= index < len(scenario.interventions):
        raise Http404
    remaining = [item for i, item in enumerate(scenario.interventions) if i != index]
    scenarios.set_interventions(actor=request.user, scenario=scenario, interventions=remaining)
    messages.success(request, "The change has been removed.")
    return redirect(scenario)


@signed_in
@require_GET
def scenario_toml(request: HttpRequest, slug: str) -> HttpResponse:
    """The scenario as a TOML file the command line projects to the same figures."""
    scenario = _scenario_or_404(request, slug)
    try:
        text = dump_scenario(scenarios.to_engine(scenario))
    except ScenarioError as error:
        return _problem_page(request, scenario, error)
    response = HttpResponse(text, content_type="application/toml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{scenario.slug}.toml"'
    return response


class GroupForm(forms.Form):
    group = forms.ChoiceField(label="Show", required=False)


def _problem_page(request: HttpRequest, scenario: Scenario, error: ScenarioError) -> HttpResponse:
    """The scenario's figures cannot be projected: say why, and where to change it."""
    return _page(
        request,
        "scenario_problem.jinja",
        scenario=scenario,
        problems=error.messages,
        may_edit=scenarios.can_edit(request.user, scenario),
    )


def _run_or_problem(request: HttpRequest, scenario: Scenario, *, with_baseline: bool = True) -> Any:
    try:
        return projection_views.run(scenario, with_baseline=with_baseline)
    except ScenarioError as error:
        return _problem_page(request, scenario, error)


@signed_in
@require_GET
def scenario(request: HttpRequest, slug: str) -> HttpResponse:
    item = _scenario_or_404(request, slug)
    outcome = _run_or_problem(request, item)
    if isinstance(outcome, HttpResponse):
        return outcome
    group_form = GroupForm(request.GET)
    group_form.fields["group"].choices = projection_views.group_choices(outcome.result)
    choice = request.GET.get("group", "total") if group_form.is_valid() else "total"
    return _page(
        request,
        "scenario.jinja",
        scenario=item,
        view=projection_views.page(outcome, choice),
        group_form=group_form,
        may_edit=scenarios.can_edit(request.user, item),
    )


@signed_in
@require_GET
def scenario_csv(request: HttpRequest, slug: str) -> HttpResponse:
    item = _scenario_or_404(request, slug)
    # The figures of the scenario itself: no run without its changes is needed here.
    outcome = _run_or_problem(request, item, with_baseline=False)
    if isinstance(outcome, HttpResponse):
        return outcome
    response = HttpResponse(outcome.result.csv_text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.csv"'
    return response


MAX_COMPARED = 4


@signed_in
@require_GET
def scenario_compare(request: HttpRequest) -> HttpResponse:
    slugs = list(dict.fromkeys(request.GET.getlist("s")))[:MAX_COMPARED]
    found = {s.slug: s for s in scenarios.visible_to(request.user).filter(slug__in=slugs)}
    chosen = [found[slug] for slug in slugs if slug in found]  # the first ticked leads
    if len(chosen) < 2:
        return _page(request, "compare.jinja", columns=[], problem="Tick at least two scenarios.")
    try:
        columns = projection_views.compare(chosen)
    except (ScenarioError, ValueError) as error:
        text = "; ".join(getattr(error, "messages", [str(error)]))
        return _page(request, "compare.jinja", columns=[], problem=text)
    return _page(request, "compare.jinja", columns=columns, problem=None)
