"""Workforce compliance pages under ``/learning/manage/<partner>/workforce/``: the grid of people
and the training their job roles need, its CSV (audited), giving many people job roles, the
reminders, the figures over time, and the managers named for teams. The grid, CSV and reminders
are open to a team's managers for their teams' people (``teams``); the rest to admins only."""

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
from .forms import AssignForm, GridFilterForm, ManagerForm, UploadForm

PAGE_SIZE = 50


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"learning/workforce/{template}", context)


def _filtered(
    request: HttpRequest, organisation: Organisation, teams: list[str] | None
) -> tuple[selectors.Frame, GridFilterForm, Any]:
    """The reader's grid (a manager's: their teams only), the filters and the matching rows."""
    frame = selectors.frame(organisation, teams)
    form = GridFilterForm(request.GET or None, frame=frame)
    return frame, form, selectors.stored_rows(frame, form.choice())


def _audit_scope(teams: list[str] | None) -> dict[str, Any]:
    return {"teams": teams} if teams is not None else {}


@access.workforce_reader
@require_GET
def workforce(
    request: HttpRequest, organisation: Organisation, teams: list[str] | None
) -> HttpResponse:
    frame, form, rows = _filtered(request, organisation, teams)
    page = paginate(request, rows, PAGE_SIZE)
    counts, people = selectors.totals(frame)
    query = request.GET.urlencode()
    return _page(
        request,
        "grid.jinja",
        organisation=organisation,
        form=form,
        requirements=frame.requirements,
        rows=presenters.grid_rows(selectors.with_cells(page.object_list), frame.requirements),
        page=page,
        pagination=pagination(page, query_without_page(request)),
        summary=presenters.summary(counts, people),
        assign=AssignForm(frame=frame) if teams is None else None,
        managing=presenters.managing(teams),
        query=query,
        matching=page.paginator.count,
    )


@access.workforce_reader
@require_GET
def workforce_csv(
    request: HttpRequest, organisation: Organisation, teams: list[str] | None
) -> HttpResponse:
    frame, _form, rows = _filtered(request, organisation, teams)
    found = selectors.with_cells(rows)
    audit.record(
        actor=request.user,
        action="learning.compliance_downloaded",
        obj=organisation,
        changes={"people": len(found), "filters": request.GET.urlencode(), **_audit_scope(teams)},
        organisation=organisation,
    )
    header, lines = presenters.csv_table(found, frame.requirements)
    return csv_response(f"training-compliance-{organisation.slug}.csv", header, lines)


@access.organisation_admin
@require_POST
def workforce_assign(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    frame = selectors.frame(organisation)
    ticked = [int(v) for v in request.POST.getlist("people") if v.isdigit()][:5000]
    form = AssignForm(request.POST, frame=frame, people=selectors.people_named(frame, ticked))
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


@access.workforce_reader
@require_POST
def workforce_remind(
    request: HttpRequest, organisation: Organisation, teams: list[str] | None
) -> HttpResponse:
    frame, _form, rows = _filtered(request, organisation, teams)
    sent, held = services.reminders_send(
        actor=request.user,
        organisation=organisation,
        requirements=frame.requirements,
        rows=selectors.with_cells(rows),
        teams=teams,
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


@access.organisation_admin
@require_http_methods(["GET", "POST"])
def workforce_managers(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    teams = selectors.frame(organisation).team_choices
    form = ManagerForm(posted(request), teams=teams)
    if form.is_valid():
        try:
            manager = services.team_manager_name(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"{manager.person.display_name} now manages {manager.team}.")
            return redirect("learning:workforce_managers", slug=organisation.slug)
    return _page(
        request,
        "managers.jinja",
        organisation=organisation,
        form=form,
        managers=presenters.managers(selectors.team_managers(organisation)),
    )


@access.organisation_admin
@require_POST
def workforce_manager_remove(
    request: HttpRequest, organisation: Organisation, manager_id: int
) -> HttpResponse:
    try:
        services.team_manager_remove(
            actor=request.user, organisation=organisation, manager_id=manager_id
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "They no longer manage that team.")
    return redirect("learning:workforce_managers", slug=organisation.slug)
