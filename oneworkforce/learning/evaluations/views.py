"""Evaluation pages: the learner's four questions after a session they attended or learning
they completed, and the provider's figures under ``/learning/manage/<partner>/evaluations/``
(added up, from five answers, never with names)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.viewhelpers import posted, submitted
from oneworkforce.partners.models import Organisation

from .. import access
from ..catalogue import selectors as catalogue_selectors
from ..models import Booking, Opportunity
from . import presenters, selectors, services
from .forms import EvaluationForm

GET_POST = require_http_methods(["GET", "POST"])
THANKS = "Thank you: your evaluation is sent. The provider sees it only added up with others."


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"learning/evaluations/{template}", context)


def _evaluate(
    request: HttpRequest, opportunity: Opportunity, booking: Booking | None
) -> HttpResponse:
    refused = services.refusal(actor=request.user, opportunity=opportunity, booking=booking)
    form = EvaluationForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.evaluation_submit(
            actor=request.user, opportunity=opportunity, booking=booking, **data
        ),
        success=THANKS,
        redirect_to="learning:my",
    )
    return done or _page(
        request, "evaluate.jinja", form=form, item=opportunity, booking=booking, refused=refused
    )


@access.signed_in
@GET_POST
def evaluate_booking(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.own_booking(person=request.user, pk=pk)
    return _evaluate(request, booking.session.opportunity, booking)


@access.signed_in
@GET_POST
def evaluate_listing(request: HttpRequest, slug: str) -> HttpResponse:
    return _evaluate(request, selectors.evaluable_listing(slug=slug), None)


@access.organisation_admin
@require_GET
def provider(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _page(
        request,
        "provider.jinja",
        organisation=organisation,
        listings=presenters.listings(selectors.by_listing(organisation)),
        trend=presenters.trend(selectors.by_month(organisation, timezone.localdate())),
        minimum=presenters.MIN_ANSWERS,
    )


@access.organisation_admin
@require_GET
def listing(request: HttpRequest, organisation: Organisation, listing: str) -> HttpResponse:
    item = catalogue_selectors.listing_for(organisation=organisation, slug=listing)
    totals, counts = selectors.listing_totals(item)
    changed, comments = selectors.listing_words(item)
    return _page(
        request,
        "listing.jinja",
        organisation=organisation,
        item=item,
        figures=presenters.cells(totals),
        spread=presenters.spread(totals, counts),
        trend=presenters.trend(selectors.by_month(organisation, timezone.localdate(), item)),
        changed=presenters.words(totals, changed),
        comments=presenters.words(totals, comments),
        minimum=presenters.MIN_ANSWERS,
    )
