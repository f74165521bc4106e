"""Workforce compliance pages under ``/learning/manage/<partner>/workforce/``: the grid of people
and the training their job roles need, its CSV (audited), giving many people job roles, the
reminders, and the figures over time."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core import audit
from oneworkforce.core.http import csv_response
from oneworkforce.core.presenters import paginate, pagination, query_without_page
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted
from oneworkforce.partners.models import Organisation

from .. import access
from . import presenters, selectors, services
from .forms import AssignForm, GridFilterForm, UploadForm
from .grid import chosen

PAGE_SIZE = 50


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"learning/workforce/{template}", context)


def _grid_and_rows(request: HttpRequest, organisation: Organisation) -> tuple[Any, Any, Any]:
    grid = selectors.grid(organisation)
    form = GridFilterForm(request.GET or None, grid=grid)
    return grid, form, chosen(grid.rows, form.choice())


@access.organisation_admin
@require_GET
def workforce(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    grid, form, rows = _grid_and_rows(request, organisation)
    page = paginate(request, rows, PAGE_SIZE)
    query = request.GET.urlencode()
    return _page(
        request,
        "grid.jinja",
        organisation=organisation,
        form=form,
        requirements=grid.requirements,
        rows=presenters.grid_rows(page.object_list, grid.requirements),
        page=page,
        pagination=pagination(page, query_without_page(request)),
        summary=presenters.summary(grid.counts(), sum(1 for r in grid.rows if r.cells)),
        assign=AssignForm(grid=grid),
        query=query,
        matching=len(rows),
    )


@access.organisation_admin
@require_GET
def workforce_csv(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    grid, _form, rows = _grid_and_rows(request, organisation)
    audit.record(
        actor=request.user,
        action="learning.compliance_downloaded",
        obj=organisation,
        changes={"people": len(rows), "filters": request.GET.urlencode()},
        organisation=organisation,
    )
    header, lines = presenters.csv_table(rows, grid.requirements)
    return csv_response(f"training-compliance-{organisation.slug}.csv", header, lines)


@access.organisation_admin
@require_POST
def workforce_assign(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    grid = selectors.grid(organisation)
    form = AssignForm(request.POST, grid=grid)
    back = reverse("learning:workforce", kwargs={"slug": organisation.slug})
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    people = selectors.people(form.cleaned_data["people"])
    job_role = form.cleaned_data["job_role"]
    try:
        added = services.job_roles_assign(
            actor=request.user,
            organisation=organisation,
            assignments=[services.Assignment(p, job_role) for p in people],
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{added} people given the job role {job_role.name}.")
    return redirect(back)


@access.organisation_admin
@require_http_methods(["GET", "POST"])
def workforce_upload(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if form.is_valid():
        try:
            assignments = services.assignments_read(
                organisation=organisation, data=form.cleaned_data["file"].read()
            )
            added = services.job_roles_assign(
                actor=request.user, organisation=organisation, assignments=assignments
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(
                request,
                f"Saved {len(assignments)} lines: {added} job roles newly given.",
            )
            return redirect("learning:workforce", slug=organisation.slug)
    return _page(request, "upload.jinja", organisation=organisation, form=form)


@access.organisation_admin
@require_POST
def workforce_remind(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    grid, _form, rows = _grid_and_rows(request, organisation)
    sent, held = services.reminders_send(
        actor=request.user, organisation=organisation, grid=grid, rows=rows
    )
    text = f"Reminders e-mailed to {sent} people."
    if held:
        text += f" {held} reminders held back: those people were reminded in the last week."
    messages.success(request, text)
    query = request.GET.urlencode()
    back = reverse("learning:workforce", kwargs={"slug": organisation.slug})
    return redirect(f"{back}?{query}" if query else back)


@access.organisation_admin
@require_GET
def workforce_figures(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    history = list(selectors.figure_history(organisation, timezone.localdate()))
    return _page(
        request,
        "figures.jinja",
        organisation=organisation,
        **presenters.figures(history),
    )
