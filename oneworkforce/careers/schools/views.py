"""Schools and colleges: coverage for the partnership, the ambassadors' register and visits."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from . import presenters, selectors, services
from .forms import AmbassadorForm, SchoolsFileForm, VisitForm
from .gias import REQUIRED, STATUS, SchoolFileError

GET_POST = require_http_methods(["GET", "POST"])


@access.partnership_view
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    found = selectors.coverage()
    return render(
        request,
        "careers/schools/coverage.jinja",
        {
            "figures": presenters.coverage_figures(found),
            "without": [presenters.school_row(s) for s in found.without],
            "ambassadors": [
                presenters.ambassador_row(a) for a in selectors.ambassadors_with_days()
            ],
            "visits": [presenters.visit_row(v) for v in selectors.recent_visits()],
            "can_edit": access.can_edit(request.user),
            "can_import": access.can_import_schools(request.user),
        },
    )


@access.partnership_edit
@GET_POST
def ambassador_add(request: HttpRequest) -> HttpResponse:
    form = AmbassadorForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.ambassador_save(actor=request.user, **data),
        success=lambda a: f"{a.name} added to the ambassadors' register",
        redirect_to=reverse("careers:schools"),
    )
    return done or render(
        request, "careers/schools/form.jinja", {"form": form, "heading": "Add an ambassador"}
    )


@access.partnership_edit
@GET_POST
def visit_add(request: HttpRequest) -> HttpResponse:
    form = VisitForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.visit_record(actor=request.user, **data),
        success=lambda v: f"Visit to {v.school.name} recorded",
        redirect_to=reverse("careers:schools"),
    )
    return done or render(
        request, "careers/schools/form.jinja", {"form": form, "heading": "Record a visit or talk"}
    )


@access.schools_importer
@GET_POST
def schools_import(request: HttpRequest) -> HttpResponse:
    """The register from an uploaded extract, checked whole as ``manage.py import_schools``
    checks it: a fault is named with its line and nothing is written."""
    form = SchoolsFileForm(posted(request), request.FILES or None)
    problems: list[str] = []
    if form.is_valid():
        name = getattr(request.FILES.get("file"), "name", "") or "an upload"
        try:
            result = services.schools_import(
                data=form.cleaned_data["file"], source=name, actor=request.user
            )
        except SchoolFileError as error:
            problems = error.problems
        else:
            messages.success(request, presenters.import_summary(result))
            return redirect("careers:schools")
    return render(
        request,
        "careers/schools/import.jinja",
        {"form": form, "problems": problems, "columns": [*REQUIRED, STATUS]},
    )
