"""Recording and confirming practice hours, raising a concern, evaluating a placement."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from ..allocation.forms import ConfirmForm
from ..allocation.views import placement_url
from ..models import HoursEntry, Placement
from . import services
from .forms import ConcernForm, EvaluationForm, HoursForm

GET_POST = require_http_methods(["GET", "POST"])


@access.placement_student
@GET_POST
def hours_add(request: HttpRequest, placement: Placement) -> HttpResponse:
    form = HoursForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.hours_record(actor=request.user, placement=placement, **data),
        success="Your hours have been recorded; a supervisor will confirm them.",
        redirect_to=placement_url(placement),
    )
    return done or render(
        request, "placements/during/hours_form.jinja", {"form": form, "placement": placement}
    )


@access.hours_supervisor
@require_POST
def hours_confirm(request: HttpRequest, entry: HoursEntry) -> HttpResponse:
    form = ConfirmForm({})
    done = submitted(
        request,
        form,
        lambda data: services.hours_confirm(actor=request.user, entry=entry),
        success="The hours are confirmed.",
        redirect_to=placement_url(entry.placement),
    )
    return done or render(
        request,
        "placements/allocation/refused.jinja",
        {"form": form, "placement": entry.placement},
    )


@access.placement_viewer
@GET_POST
def concern_add(request: HttpRequest, placement: Placement) -> HttpResponse:
    form = ConcernForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.concern_raise(actor=request.user, placement=placement, **data),
        success="Your concern has been sent to the placement's named contacts.",
        redirect_to=placement_url(placement),
    )
    return done or render(
        request, "placements/during/concern_form.jinja", {"form": form, "placement": placement}
    )


@access.placement_student
@GET_POST
def evaluate(request: HttpRequest, placement: Placement) -> HttpResponse:
    form = EvaluationForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.evaluation_submit(actor=request.user, placement=placement, **data),
        success="Thank you for telling us about your placement.",
        redirect_to=placement_url(placement),
    )
    return done or render(
        request, "placements/during/evaluation_form.jinja", {"form": form, "placement": placement}
    )
