"""Booking pages: a learner books, cancels, takes or turns down an offered place and registers
interest; a provider adds and cancels sessions, decides on places held for approval and records
attendance; the partnership's learning dashboard."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.http import file_response
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import posted, submitted
from oneworkforce.partners.models import Organisation

from .. import access
from ..catalogue import selectors as catalogue_selectors
from . import presenters, selectors, services
from .calendar import calendar_file
from .forms import SessionForm

GET_POST = require_http_methods(["GET", "POST"])


def _refused(request: HttpRequest, error: ServiceError, back: str) -> HttpResponse:
    messages.error(request, error.message)
    return redirect(back)


@access.signed_in
@require_POST
def book(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_for(pk=pk)
    back = reverse("learning:opportunity", args=[session.opportunity.slug])
    try:
        booking = services.booking_create(actor=request.user, session_id=session.pk)
    except ServiceError as error:
        return _refused(request, error, back)
    messages.success(request, presenters.booked_message(booking))
    return redirect("learning:my")


def _booking_action(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    selectors.own_booking(learner=request.user, pk=pk)
    try:
        action(actor=request.user, booking_id=pk)
    except ServiceError as error:
        return _refused(request, error, reverse("learning:my"))
    messages.success(request, done)
    return redirect("learning:my")


@access.signed_in
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _booking_action(request, pk, services.booking_cancel, "Your booking has been cancelled.")


@access.signed_in
@require_POST
def offer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _booking_action(request, pk, services.offer_accept, "You have accepted the place.")


@access.signed_in
@require_POST
def offer_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _booking_action(
        request, pk, services.offer_decline, "You have turned down the place. Thank you."
    )


@access.signed_in
@require_GET
def booking_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.own_booked_booking(learner=request.user, pk=pk)
    body = calendar_file([booking.session], name=booking.session.opportunity.title)
    return file_response(body, "text/calendar; charset=utf-8", "session.ics")


@access.signed_in
@require_POST
def interest(request: HttpRequest, slug: str) -> HttpResponse:
    item = catalogue_selectors.opportunity_for(slug=slug)
    back = reverse("learning:opportunity", args=[slug])
    try:
        services.interest_register(actor=request.user, opportunity=item)
    except ServiceError as error:
        return _refused(request, error, back)
    messages.success(request, "Thank you: the provider can see you are interested.")
    return redirect(back)


# A provider's sessions -----------------------------------------------------------------------


def _manage_page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"learning/bookings/manage/{template}", context)


@access.organisation_admin
@GET_POST
def session_add(request: HttpRequest, organisation: Organisation, listing: str) -> HttpResponse:
    item = catalogue_selectors.listing_for(organisation=organisation, slug=listing)
    form = SessionForm(posted(request), organisation=organisation)
    done = submitted(
        request,
        form,
        lambda data: services.session_save(
            actor=request.user, opportunity=item, **form.service_fields()
        ),
        success="The session has been added.",
        redirect_to=reverse(
            "learning:listing", kwargs={"slug": organisation.slug, "listing": item.slug}
        ),
    )
    if done is not None:
        return done
    return _manage_page(
        request, "session_form.jinja", organisation=organisation, item=item, form=form
    )


@access.organisation_admin
@require_GET
def session(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    found = selectors.provider_session(organisation=organisation, pk=pk)
    return _manage_page(
        request,
        "session.jinja",
        organisation=organisation,
        session=found,
        row=presenters.session_row(found),
        **presenters.session_people(selectors.session_people(found)),
        started=found.starts_at <= timezone.now(),
    )


@access.organisation_admin
@require_POST
def attendance(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    found = selectors.provider_session(organisation=organisation, pk=pk)
    marks = {}
    for key, value in request.POST.items():
        if key.startswith("booking-") and value in ("attended", "absent"):
            try:
                marks[int(key.removeprefix("booking-"))] = value
            except ValueError:
                continue
    try:
        changed = services.attendance_mark(
            actor=request.user,
            session=found,
            attended=[k for k, v in marks.items() if v == "attended"],
            absent=[k for k, v in marks.items() if v == "absent"],
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Attendance saved for {changed} people.")
    return redirect("learning:session", slug=organisation.slug, pk=found.pk)


@access.organisation_admin
@require_POST
def session_cancel(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    found = selectors.provider_session(organisation=organisation, pk=pk)
    try:
        told = services.session_cancel(actor=request.user, session=found)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The session is cancelled. We have told {told} people.")
    return redirect("learning:listing", slug=organisation.slug, listing=found.opportunity.slug)


@access.organisation_admin
@require_POST
def booking_decide(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    booking = selectors.provider_booking(organisation=organisation, pk=pk)
    try:
        services.booking_decide(
            actor=request.user, booking=booking, approve=request.POST.get("decision") == "approve"
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The decision has been recorded and the learner told.")
    return redirect("learning:session", slug=organisation.slug, pk=booking.session_id)


@access.partnership_view
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    providers = selectors.by_provider()
    whole = selectors.figures("Whole partnership", None)
    return render(
        request,
        "learning/bookings/dashboard.jinja",
        {"whole": whole, "dashboard": presenters.dashboard([whole, *providers])},
    )
