"""The placements home, a block's allocation, one placement, confirming and changing it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from ..during import selectors as during_selectors
from ..models import Block, Placement
from . import presenters, selectors, services
from .forms import AllocateForm, CancelForm, ChangeForm, ConfirmForm

GET_POST = require_http_methods(["GET", "POST"])


def placement_url(placement: Placement) -> str:
    return reverse("placements:placement", kwargs={"pk": placement.pk})


@access.signed_in
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "placements/allocation/home.jinja",
        {
            "mine": presenters.placement_rows(selectors.my_placements(user)),
            "to_confirm": presenters.placement_rows(selectors.to_confirm(user)),
            "hours_waiting": during_selectors.hours_to_confirm(user),
            "my_hours": during_selectors.hours_record(user),
            "organisations": selectors.administered(user),
            "is_coordinator": access.is_coordinator(user),
        },
    )


@access.coordinator
@GET_POST
def block(request: HttpRequest, pk: int) -> HttpResponse:
    found: Block = selectors.block_or_404(pk)
    form = AllocateForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.block_allocate(actor=request.user, block=found, seed=data["seed"]),
        success=lambda run: f"Allocation run: {run.figures['placed']} student(s) placed.",
        redirect_to=reverse("placements:block", kwargs={"pk": found.pk}),
    )
    latest = selectors.latest_run(found)
    return done or render(
        request,
        "placements/allocation/block.jinja",
        {
            "block": found,
            "form": form,
            "run": presenters.run_summary(
                latest, selectors.provider_names(), selectors.requirement_students(latest)
            ),
            "placement_rows": presenters.placement_rows(selectors.placements_in(found)),
            "demand": selectors.demand_in(found),
        },
    )


@access.placement_viewer
@require_GET
def placement(request: HttpRequest, placement: Placement) -> HttpResponse:
    page = selectors.placement_with_context(placement)
    user = request.user
    flags = {
        "is_student": access.is_student(user, page),
        "can_confirm": access.can_confirm_placement(user, page),
        "can_confirm_hours": access.can_confirm_hours(user, page),
        "can_change": access.is_coordinator(user),
        "can_evaluate": access.is_student(user, page) and not hasattr(page, "evaluation"),
    }
    return render(
        request,
        "placements/allocation/placement.jinja",
        presenters.placement_view(page, list(page.hours.all()), flags=flags),
    )


@access.placement_confirmer
@require_POST
def placement_confirm(request: HttpRequest, placement: Placement) -> HttpResponse:
    form = ConfirmForm({})
    done = submitted(
        request,
        form,
        lambda data: services.placement_confirm(actor=request.user, placement=placement),
        success="Thank you: your confirmation has been recorded.",
        redirect_to=placement_url(placement),
    )
    return done or render(
        request, "placements/allocation/refused.jinja", {"form": form, "placement": placement}
    )


@access.placement_coordinator
@GET_POST
def placement_change(request: HttpRequest, placement: Placement) -> HttpResponse:
    form = ChangeForm(posted(request), offers=selectors.change_options(placement))
    done = submitted(
        request,
        form,
        lambda data: services.placement_change(actor=request.user, placement=placement, **data),
        success="The placement has been changed and everyone affected told.",
        redirect_to=placement_url(placement),
    )
    return done or render(
        request, "placements/allocation/change_form.jinja", {"form": form, "placement": placement}
    )


@access.placement_coordinator
@GET_POST
def placement_cancel(request: HttpRequest, placement: Placement) -> HttpResponse:
    form = CancelForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.placement_cancel(actor=request.user, placement=placement, **data),
        success="The placement has been cancelled and everyone affected told.",
        redirect_to=placement_url(placement),
    )
    return done or render(
        request, "placements/allocation/cancel_form.jinja", {"form": form, "placement": placement}
    )
