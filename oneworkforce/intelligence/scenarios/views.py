"""Scenario pages: set-up, changes to test, the projection, its downloads, comparisons."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core import audit
from oneworkforce.core.permissions import signed_in
from oneworkforce.core.viewhelpers import posted

from ..access import can_edit, is_planner, planner
from ..models import Scenario
from ..projection.toml_dump import dump_scenario
from ..projection.toml_io import ScenarioError
from ..statistics import selectors as statistics
from . import selectors, services
from .forms import INTERVENTION_FORMS, INTERVENTION_TYPES, ScenarioForm

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"intelligence/scenarios/{template}", context)


def _scenario_or_404(request: HttpRequest, slug: str) -> Scenario:
    scenario = selectors.visible_to(request.user).filter(slug=slug).first()
    if scenario is None:
        raise Http404
    return scenario


@signed_in
@require_GET
def scenarios_list(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "scenarios.jinja",
        scenarios=list(selectors.visible_to(request.user)),
        may_plan=is_planner(request.user),
    )


def _scenario_form(request: HttpRequest, scenario: Scenario | None) -> HttpResponse:
    periods = statistics.turnover_periods()
    if not periods:
        return render(request, "intelligence/statistics/empty.jinja", {"what": "turnover"})
    instance = scenario or Scenario()
    before = audit.snapshot_stored(instance, services.AUDITED) if scenario else {}
    initial = {} if scenario else {"organisations": None, "base_period": periods[0].isoformat()}
    form = ScenarioForm(posted(request), instance=instance, periods=periods, initial=initial)
    if scenario is None and not form.is_bound:
        form.initial["organisations"] = list(form.fields["organisations"].queryset)
    if form.is_valid():
        saved = services.save(
            actor=request.user,
            scenario=form.save(commit=False),
            organisations=form.cleaned_data["organisations"],
            before=before,
        )
        messages.success(request, "The scenario has been saved.")
        return redirect(saved)
    return render(
        request,
        "intelligence/scenarios/scenario_form.jinja",
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
    if not can_edit(request.user, scenario):
        raise PermissionDenied
    return _scenario_form(request, scenario)


def _editable(request: HttpRequest, slug: str) -> Scenario:
    scenario = _scenario_or_404(request, slug)
    if not can_edit(request.user, scenario):
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
        base = selectors.to_engine(scenario, interventions=False)
    except ScenarioError as error:
        return _problem_page(request, scenario, error)
    form = INTERVENTION_FORMS[kind](
        posted(request),
        cells=base.cells,
        organisations=selectors.active_partners(),
        horizon=12 * scenario.horizon_years,
    )
    if form.is_valid():
        item = form.intervention()
        try:
            services.add_intervention(actor=request.user, scenario=scenario, item=item)
        except ScenarioError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"“{item['name']}” has been added to the scenario.")
            return redirect(scenario)
    return render(
        request,
        "intelligence/scenarios/intervention_form.jinja",
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
    services.set_interventions(actor=request.user, scenario=scenario, interventions=remaining)
    messages.success(request, "The change has been removed.")
    return redirect(scenario)


@signed_in
@require_GET
def scenario_toml(request: HttpRequest, slug: str) -> HttpResponse:
    """The scenario as a TOML file the command line projects to the same figures."""
    scenario = _scenario_or_404(request, slug)
    try:
        text = dump_scenario(selectors.to_engine(scenario))
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
        may_edit=can_edit(request.user, scenario),
    )


def _run_or_problem(request: HttpRequest, scenario: Scenario, *, with_baseline: bool = True) -> Any:
    try:
        return selectors.run(scenario, with_baseline=with_baseline)
    except ScenarioError as error:
        return _problem_page(request, scenario, error)


@signed_in
@require_GET
def scenario(request: HttpRequest, slug: str) -> HttpResponse:
    item = _scenario_or_404(request, slug)
    try:
        figures = selectors.page(item, request.GET.get("group", "total"))
    except ScenarioError as error:
        return _problem_page(request, item, error)
    group_form = GroupForm(initial={"group": figures["choice"]})
    group_form.fields["group"].choices = figures["choices"]
    return _page(
        request,
        "scenario.jinja",
        scenario=item,
        view=figures["view"],
        group_form=group_form,
        may_edit=can_edit(request.user, item),
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
    found = {s.slug: s for s in selectors.visible_to(request.user).filter(slug__in=slugs)}
    chosen = [found[slug] for slug in slugs if slug in found]  # the first ticked leads
    if len(chosen) < 2:
        return _page(request, "compare.jinja", columns=[], problem="Tick at least two scenarios.")
    try:
        columns = selectors.compare(chosen)
    except (ScenarioError, ValueError) as error:
        text = "; ".join(getattr(error, "messages", [str(error)]))
        return _page(request, "compare.jinja", columns=[], problem=text)
    return _page(request, "compare.jinja", columns=columns, problem=None)
