"""Collaborative apprenticeships: cohorts, placements, preferences, allocation, overrides.

Pages live under ``/deployments/apprenticeships/``. Coordinators (partnership admins and talent
coordinators) set cohorts up, allocate and override; partner admins of a cohort's partners see
its plan; an apprentice with an account sees their own plan and ranks placements.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.permissions import signed_in
from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from ..access import coordinator
from ..models import Cohort
from . import presenters, selectors, services
from .forms import (
    ApprenticeForm,
    CohortForm,
    OverrideForm,
    PlacementForm,
    PreferencesForm,
)

GET_POST = require_http_methods(["GET", "POST"])
ALLOCATE_SECONDS = 20.0


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"deployments/apprenticeships/{template}", context)


def _cohort_page(request: HttpRequest, cohort: Cohort, refused: list[str] | None = None) -> Any:
    return _page(
        request,
        "cohort.jinja",
        cohort=cohort,
        summary=selectors.cohort_summary(cohort),
        partners=selectors.partners_of(cohort),
        coordinates=access.coordinates(request.user, cohort),
        refused=refused,
    )


@signed_in
@require_GET
def cohorts(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "cohorts.jinja",
        cohorts=selectors.cohort_rows(request.user),
        coordinates=access.coordinates(request.user),
    )


@coordinator
@GET_POST
def cohort_add(request: HttpRequest) -> HttpResponse:
    form = CohortForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.cohort_create(actor=request.user, **data),
        success="The cohort is set up. Add its placements and apprentices.",
        redirect_to=lambda cohort: reverse("deployments:cohort", kwargs={"slug": cohort.slug}),
    )
    if done is not None:
        return done
    return _page(request, "cohort_form.jinja", form=form)


@signed_in
@require_GET
def cohort(request: HttpRequest, slug: str) -> HttpResponse:
    return _cohort_page(request, selectors.cohort_for(user=request.user, slug=slug))


@signed_in
@require_POST
def cohort_allocate(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.cohort_for(user=request.user, slug=slug, coordinate=True)
    try:
        result = services.cohort_allocate(
            actor=request.user, cohort=found, time_limit=ALLOCATE_SECONDS
        )
    except services.AllocationRefused as error:
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
    found = selectors.cohort_for(user=request.user, slug=slug, coordinate=True)
    form = PlacementForm(posted(request), cohort=found)
    done = submitted(
        request,
        form,
        lambda data: services.placement_add(actor=request.user, cohort=found, **data),
        success=lambda _: f"The placement at {form.cleaned_data['site'].name} is added.",
        redirect_to=reverse("deployments:cohort", kwargs={"slug": found.slug}),
    )
    if done is not None:
        return done
    return _page(request, "placement_form.jinja", cohort=found, form=form)


@signed_in
@GET_POST
def apprentice_add(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.cohort_for(user=request.user, slug=slug, coordinate=True)
    form = ApprenticeForm(posted(request), cohort=found)

    def add(cleaned: dict[str, Any]) -> Any:
        data = dict(cleaned)
        return services.apprentice_add(
            actor=request.user, cohort=found, person=data.pop("email"), **data
        )

    done = submitted(
        request,
        form,
        add,
        success=lambda added: f"{added.name} is added. Record their ranked choices next.",
        redirect_to=lambda added: reverse(
            "deployments:apprentice_preferences", kwargs={"slug": found.slug, "pk": added.pk}
        ),
    )
    if done is not None:
        return done
    return _page(request, "apprentice_form.jinja", cohort=found, form=form)


@signed_in
@require_GET
def cohort_plan(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.cohort_for(user=request.user, slug=slug)
    return _page(
        request,
        "plan.jinja",
        cohort=found,
        labels=presenters.block_labels(found),
        rows=selectors.plan_by_apprentice(found),
    )


@signed_in
@require_GET
def cohort_sites(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.cohort_for(user=request.user, slug=slug)
    return _page(request, "sites.jinja", cohort=found, sites=selectors.plan_by_site(found))


@signed_in
@require_GET
def cohort_apprentice(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found, apprentice = selectors.apprentice_for(user=request.user, slug=slug, pk=pk)
    return _page(
        request,
        "apprentice.jinja",
        cohort=found,
        apprentice=apprentice,
        plan=selectors.apprentice_plan(apprentice),
        is_self=apprentice.person_id == request.user.pk,
        viewer=access.views_cohort(request.user, found),
        coordinates=access.coordinates(request.user, found),
        ranks=access.ranks_for(request.user, apprentice),
    )


@signed_in
@GET_POST
def apprentice_preferences(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found, apprentice = selectors.apprentice_for(
        user=request.user, slug=slug, pk=pk, allowed=access.ranks_for
    )
    placements = selectors.placements_of(found)
    form = PreferencesForm(
        posted(request),
        apprentice=apprentice,
        placements=placements,
        distances=selectors.distances(apprentice, placements),
    )
    done = submitted(
        request,
        form,
        lambda data: services.preferences_set(
            actor=request.user, apprentice=apprentice, ranked=form.ranked()
        ),
        success=lambda saved: f"{len(saved)} ranked choices are saved, in order.",
        redirect_to=reverse(
            "deployments:cohort_apprentice", kwargs={"slug": found.slug, "pk": apprentice.pk}
        ),
    )
    if done is not None:
        return done
    return _page(request, "preferences.jinja", cohort=found, apprentice=apprentice, form=form)


@signed_in
@GET_POST
def assignment_override(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = selectors.cohort_for(user=request.user, slug=slug, coordinate=True)
    assignment = selectors.assignment_in(cohort=found, pk=pk)
    form = OverrideForm(
        posted(request), cohort=found, initial={"placement": assignment.placement_id}
    )
    done = submitted(
        request,
        form,
        lambda data: services.assignment_override(
            actor=request.user, assignment=assignment, **data
        ),
        success="The placement is changed and the plan checked again.",
        redirect_to=reverse(
            "deployments:cohort_apprentice",
            kwargs={"slug": found.slug, "pk": assignment.apprentice_id},
        ),
    )
    if done is not None:
        return done
    label = (
        presenters.block_labels(found)[assignment.block - 1]
        if assignment.block <= found.blocks
        else ""
    )
    return _page(
        request, "override.jinja", cohort=found, assignment=assignment, block_label=label, form=form
    )
