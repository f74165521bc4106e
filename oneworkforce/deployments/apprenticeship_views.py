"""Collaborative apprenticeships: cohorts, placements, preferences, allocation, overrides.

Pages live under ``/deployments/apprenticeships/``. Coordinators (partnership admins and talent
coordinators) set cohorts up, allocate and override; partner admins of a cohort's partners see
its plan; an apprentice with an account sees their own plan and ranks placements.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core import geography
from oneworkforce.core.permissions import requires, signed_in
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted

from . import apprenticeships as service
from .apprenticeship_forms import (
    ApprenticeForm,
    CohortForm,
    OverrideForm,
    PlacementForm,
    PreferencesForm,
)
from .models import Apprentice, Assignment, Cohort

GET_POST = require_http_methods(["GET", "POST"])
ALLOCATE_SECONDS = 20.0

coordinator = requires(lambda user: service.coordinates(user), "apprenticeship_coordinator")


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"deployments/apprenticeships/{template}", context)


def _cohort(request: HttpRequest, slug: str, *, coordinate: bool = False) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("training_provider"), slug=slug)
    allowed = service.coordinates if coordinate else service.views_cohort
    if not allowed(request.user, cohort):
        raise PermissionDenied
    return cohort


def _apprentice(request: HttpRequest, cohort: Cohort, pk: int) -> Apprentice:
    return get_object_or_404(cohort.apprentices.select_related("employer", "cohort"), pk=pk)


def _cohort_page(request: HttpRequest, cohort: Cohort, refused: list[str] | None = None) -> Any:
    return _page(
        request,
        "cohort.jinja",
        cohort=cohort,
        summary=service.cohort_summary(cohort),
        partners=cohort.partners.order_by("name"),
        coordinates=service.coordinates(request.user, cohort),
        refused=refused,
    )


@signed_in
@require_GET
def cohorts(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "cohorts.jinja",
        cohorts=service.cohort_rows(request.user),
        coordinates=service.coordinates(request.user),
    )


@coordinator
@GET_POST
def cohort_add(request: HttpRequest) -> HttpResponse:
    form = CohortForm(posted(request))
    if form.is_valid():
        try:
            cohort = service.cohort_create(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The cohort is set up. Add its placements and apprentices.")
            return redirect("deployments:cohort", slug=cohort.slug)
    return _page(request, "cohort_form.jinja", form=form)


@signed_in
@require_GET
def cohort(request: HttpRequest, slug: str) -> HttpResponse:
    return _cohort_page(request, _cohort(request, slug))


@signed_in
@require_POST
def cohort_allocate(request: HttpRequest, slug: str) -> HttpResponse:
    found = _cohort(request, slug, coordinate=True)
    try:
        result = service.cohort_allocate(
            actor=request.user, cohort=found, time_limit=ALLOCATE_SECONDS
        )
    except service.AllocationRefused as error:
        found.refresh_from_db()
        return _cohort_page(request, found, refused=error.problems)
    messages.success(
        request,
        f"Placements are allocated for {len(result.assignment)} apprentice blocks."
        " Each apprentice's plan explains their placements.",
    )
    return redirect("deployments:cohort_plan", slug=found.slug)


@signed_in
@GET_POST
def placement_add(request: HttpRequest, slug: str) -> HttpResponse:
    found = _cohort(request, slug, coordinate=True)
    form = PlacementForm(posted(request), cohort=found)
    if form.is_valid():
        try:
            service.placement_add(actor=request.user, cohort=found, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, f"The placement at {form.cleaned_data['site'].name} is added."
            )
            return redirect("deployments:cohort", slug=found.slug)
    return _page(request, "placement_form.jinja", cohort=found, form=form)


@signed_in
@GET_POST
def apprentice_add(request: HttpRequest, slug: str) -> HttpResponse:
    found = _cohort(request, slug, coordinate=True)
    form = ApprenticeForm(posted(request), cohort=found)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            added = service.apprentice_add(
                actor=request.user, cohort=found, person=data.pop("email"), **data
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"{added.name} is added. Record their ranked choices next.")
            return redirect("deployments:apprentice_preferences", slug=found.slug, pk=added.pk)
    return _page(request, "apprentice_form.jinja", cohort=found, form=form)


@signed_in
@require_GET
def cohort_plan(request: HttpRequest, slug: str) -> HttpResponse:
    found = _cohort(request, slug)
    return _page(
        request,
        "plan.jinja",
        cohort=found,
        labels=service.block_labels(found),
        rows=service.plan_by_apprentice(found),
    )


@signed_in
@require_GET
def cohort_sites(request: HttpRequest, slug: str) -> HttpResponse:
    found = _cohort(request, slug)
    return _page(request, "sites.jinja", cohort=found, sites=service.plan_by_site(found))


def _own_or_viewer(request: HttpRequest, slug: str, pk: int) -> tuple[Cohort, Apprentice]:
    found = get_object_or_404(Cohort, slug=slug)
    apprentice = _apprentice(request, found, pk)
    if not service.views_apprentice(request.user, apprentice):
        raise PermissionDenied
    return found, apprentice


@signed_in
@require_GET
def cohort_apprentice(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found, apprentice = _own_or_viewer(request, slug, pk)
    return _page(
        request,
        "apprentice.jinja",
        cohort=found,
        apprentice=apprentice,
        plan=service.apprentice_plan(apprentice),
        is_self=apprentice.person_id == request.user.pk,
        viewer=service.views_cohort(request.user, found),
        coordinates=service.coordinates(request.user, found),
        ranks=service.ranks_for(request.user, apprentice),
    )


def _distances(apprentice: Apprentice, placements: list[Any]) -> dict[int, float]:
    if not apprentice.home_postcode:
        return {}
    located = geography.locate_many(
        [apprentice.home_postcode, *(p.site.postcode for p in placements)]
    )
    home = located.get(apprentice.home_postcode)
    if home is None:
        return {}
    return {
        p.pk: geography.haversine_km(*home, *located[p.site.postcode])
        for p in placements
        if p.site.postcode in located
    }


@signed_in
@GET_POST
def apprentice_preferences(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = get_object_or_404(Cohort, slug=slug)
    apprentice = _apprentice(request, found, pk)
    if not service.ranks_for(request.user, apprentice):
        raise PermissionDenied
    placements = list(found.placements.select_related("site__organisation").order_by("site__name"))
    form = PreferencesForm(
        posted(request),
        apprentice=apprentice,
        placements=placements,
        distances=_distances(apprentice, placements),
    )
    if form.is_valid():
        try:
            saved = service.preferences_set(
                actor=request.user, apprentice=apprentice, ranked=form.ranked()
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"{len(saved)} ranked choices are saved, in order.")
            return redirect("deployments:cohort_apprentice", slug=found.slug, pk=apprentice.pk)
    return _page(request, "preferences.jinja", cohort=found, apprentice=apprentice, form=form)


@signed_in
@GET_POST
def assignment_override(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _cohort(request, slug, coordinate=True)
    assignment = get_object_or_404(
        Assignment.objects.select_related("apprentice", "placement__site"),
        pk=pk,
        apprentice__cohort=found,
    )
    form = OverrideForm(
        posted(request), cohort=found, initial={"placement": assignment.placement_id}
    )
    if form.is_valid():
        try:
            service.assignment_override(
                actor=request.user, assignment=assignment, **form.cleaned_data
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The placement is changed and the plan checked again.")
            return redirect(
                "deployments:cohort_apprentice", slug=found.slug, pk=assignment.apprentice_id
            )
    label = (
        service.block_labels(found)[assignment.block - 1]
        if assignment.block <= found.blocks
        else ""
    )
    return _page(
        request, "override.jinja", cohort=found, assignment=assignment, block_label=label, form=form
    )


urlpatterns: list[URLPattern] = [
    path("apprenticeships/", cohorts, name="apprenticeship_cohorts"),
    path("apprenticeships/new/", cohort_add, name="cohort_add"),
    path("apprenticeships/<slug:slug>/", cohort, name="cohort"),
    path("apprenticeships/<slug:slug>/allocate/", cohort_allocate, name="cohort_allocate"),
    path("apprenticeships/<slug:slug>/placements/new/", placement_add, name="cohort_placement_add"),
    path(
        "apprenticeships/<slug:slug>/apprentices/new/", apprentice_add, name="cohort_apprentice_add"
    ),
    path("apprenticeships/<slug:slug>/plan/", cohort_plan, name="cohort_plan"),
    path("apprenticeships/<slug:slug>/sites/", cohort_sites, name="cohort_sites"),
    path(
        "apprenticeships/<slug:slug>/apprentices/<int:pk>/",
        cohort_apprentice,
        name="cohort_apprentice",
    ),
    path(
        "apprenticeships/<slug:slug>/apprentices/<int:pk>/choices/",
        apprentice_preferences,
        name="apprentice_preferences",
    ),
    path(
        "apprenticeships/<slug:slug>/assignments/<int:pk>/change/",
        assignment_override,
        name="assignment_override",
    ),
]
