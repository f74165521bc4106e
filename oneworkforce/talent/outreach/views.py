"""Outreach pages: campaigns and their QR codes (coordinators), the public form anyone can
fill in, a candidate's own status page reached by an e-mailed link, and recruitment events."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core import audit
from oneworkforce.core.formatting import count
from oneworkforce.core.http import client_ip, file_response
from oneworkforce.core.permissions import public
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted, submitted

from .. import access, common
from ..access import coordinator, recruiter
from ..casework import privacy
from ..models import Campaign, RecruitmentEvent
from ..pipeline.states import NEXT_STEP, PATH, State, progress
from . import presenters, selectors, services
from .forms import (
    AttendanceForm,
    CampaignForm,
    CorrectionForm,
    EventCancelForm,
    EventForm,
    EventRegisterForm,
    EventSignupForm,
    JoinForm,
    StatusRequestForm,
    event_initial,
)

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"talent/outreach/{template}", context)


# Campaigns -----------------------------------------------------------------------------------


@recruiter
@require_GET
def campaigns(request: HttpRequest) -> HttpResponse:
    found = (
        access.campaigns_for(request.user)
        .annotate(people=Count("responses"))
        .order_by("-starts_on")
    )
    return _page(
        request,
        "campaigns.jinja",
        campaigns=found,
        today=timezone.localdate(),
        can_run=access.is_coordinator(request.user),
    )


def _visible_campaign(request: HttpRequest, slug: str) -> Campaign:
    return selectors.campaign_for(request.user, slug=slug)


def _campaign_form(request: HttpRequest, campaign: Campaign | None) -> HttpResponse:
    initial = {}
    if campaign is not None:
        initial = {name: getattr(campaign, name) for name in services.CAMPAIGN_FIELDS}
        initial["partners"] = list(campaign.partners.all())
    form = CampaignForm(posted(request), initial=initial)
    done = submitted(
        request,
        form,
        lambda data: services.campaign_save(actor=request.user, campaign=campaign, **data),
        success="The campaign has been saved.",
        redirect_to=lambda saved: reverse("talent:campaign", kwargs={"slug": saved.slug}),
    )
    if done is not None:
        return done
    return _page(request, "campaign_form.jinja", form=form, campaign=campaign)


@coordinator
@GET_POST
def campaign_add(request: HttpRequest) -> HttpResponse:
    return _campaign_form(request, None)


@coordinator
@GET_POST
def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _campaign_form(request, selectors.campaign(slug=slug))


@recruiter
@require_GET
def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    found = _visible_campaign(request, slug)
    by_month = (
        found.responses.annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    link = _absolute(request, found)
    return _page(
        request,
        "campaign.jinja",
        campaign=found,
        link=link,
        qr=presenters.qr_svg(link),
        by_month=list(by_month),
        partners=found.partners.order_by("name"),
        people=found.responses.values("candidate").distinct().count(),
        can_run=access.is_coordinator(request.user),
    )


def _absolute(request: HttpRequest, campaign: Campaign) -> str:
    relative = reverse("talent:join", kwargs={"code": campaign.code})
    if services.site_url(""):
        return services.site_url(relative)
    return request.build_absolute_uri(relative)


@recruiter
@require_GET
def campaign_qr(request: HttpRequest, slug: str) -> HttpResponse:
    found = _visible_campaign(request, slug)
    response = HttpResponse(
        presenters.qr_svg(_absolute(request, found), scale=12), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'attachment; filename="{found.slug}-qr.svg"'
    return response


@recruiter
@require_GET
def campaign_poster(request: HttpRequest, slug: str) -> HttpResponse:
    found = _visible_campaign(request, slug)
    link = _absolute(request, found)
    return _page(request, "poster.jinja", campaign=found, link=link, qr=presenters.qr_svg(link))


# The public form -----------------------------------------------------------------------------


def _join(request: HttpRequest, found: Campaign | None) -> HttpResponse:
    form = JoinForm(posted(request))
    if form.is_valid():
        if not services.public_allowed(ip=client_ip(request)):
            form.add_error(None, "Too many forms from this connection. Try again in an hour.")
        else:
            try:
                added = services.candidate_register(campaign=found, **form.cleaned_data)
            except ServiceError as error:
                apply_error(form, error)
            else:
                # A new person's reference, to quote to a coordinator (anyone without e-mail
                # has no status link); never one matched from an e-mail or phone typed in.
                if not added.merged:
                    request.session["talent_reference"] = added.candidate.reference
                return redirect("talent:join_thanks")
    return _page(request, "join.jinja", form=form, campaign=found)


@public
@GET_POST
def join(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.campaign_by_code(code)
    if not found.is_open():
        return _page(request, "campaign_closed.jinja", campaign=found)
    return _join(request, found)


@public
@GET_POST
def join_general(request: HttpRequest) -> HttpResponse:
    return _join(request, None)


@public
@require_GET
def join_thanks(request: HttpRequest) -> HttpResponse:
    return _page(
        request, "join_thanks.jinja", reference=request.session.pop("talent_reference", "")
    )


# The candidate's own status page -------------------------------------------------------------


@public
@GET_POST
def status_request(request: HttpRequest) -> HttpResponse:
    form = StatusRequestForm(posted(request))
    if form.is_valid():
        try:
            services.status_link_request(email=form.cleaned_data["email"], ip=client_ip(request))
        except ServiceError as error:
            apply_error(form, error)
        else:
            return _page(request, "status_sent.jinja")
    return _page(request, "status_request.jinja", form=form)


def _status_candidate(token: str) -> Any:
    found = services.status_candidate(token[:100])
    if found is None:
        raise Http404("This link has expired or has been used to delete the details.")
    return found


@public
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    found = _status_candidate(token)
    common.audit_viewed(actor=None, candidate=found, what="status page (the candidate)")
    rows = []
    for application in found.applications.select_related("vacancy__organisation"):
        state = State(application.state)
        reached = progress(state)
        rows.append(
            {
                "vacancy": application.vacancy.title,
                "partner": application.vacancy.organisation.name,
                "label": application.get_state_display(),
                "next": NEXT_STEP[state],
                "done": reached + 1,
                "steps": len(PATH),
            }
        )
    return _page(
        request,
        "status.jinja",
        candidate=found,
        token=token,
        applications=rows,
        events=found.event_registrations.select_related("event").filter(
            event__ends_at__gte=timezone.now()
        ),
        qualifications=found.qualifications.all(),
    )


@public
@require_GET
def status_data(request: HttpRequest, token: str) -> HttpResponse:
    found = _status_candidate(token)
    common.audit_viewed(actor=None, candidate=found, what="export (the candidate)")
    response = HttpResponse(
        json.dumps(privacy.candidate_export(found), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="my-details-{found.reference}.json"'
    return response


@public
@GET_POST
def status_correct(request: HttpRequest, token: str) -> HttpResponse:
    found = _status_candidate(token)
    initial = {
        "full_name": found.full_name,
        "email": found.email or "",
        "phone": found.phone or "",
        "postcode": found.postcode,
    }
    form = CorrectionForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            privacy.candidate_correct(candidate=found, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "Your details have been updated.")
            return redirect("talent:status", token=token)
    else:
        common.audit_viewed(actor=None, candidate=found, what="details form (the candidate)")
    return _page(request, "status_correct.jinja", form=form, token=token)


@public
@GET_POST
def status_delete(request: HttpRequest, token: str) -> HttpResponse:
    found = _status_candidate(token)
    if request.method == "POST":
        privacy.candidate_erase(candidate=found)
        return _page(request, "status_deleted.jinja")
    return _page(request, "status_delete.jinja", candidate=found, token=token)


# Events --------------------------------------------------------------------------------------


@public
@require_GET
def events(request: HttpRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    recruiter = user.is_authenticated and access.is_recruiter(user)
    return _page(
        request,
        "events.jinja",
        events=selectors.upcoming_events(now),
        recent=selectors.recent_events(now) if recruiter else [],
        recent_days=selectors.RECENT_DAYS,
        can_add=recruiter,
        can_take_attendance=user.is_authenticated and access.is_coordinator(user),
    )


CALENDAR = "text/calendar; charset=utf-8"


@public
@require_GET
def events_calendar(request: HttpRequest) -> HttpResponse:
    """The calendar feed people subscribe to (cancelled events stay in it for a while, marked
    cancelled, so subscribed calendars learn of them)."""
    body = presenters.events_calendar(
        selectors.calendar_events(timezone.now()), name="Health and care recruitment events"
    )
    return file_response(body, CALENDAR, "recruitment-events.ics", attachment=False)


@public
@require_GET
def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.event_with_partners(slug=slug)
    body = presenters.events_calendar([found], name=found.title)
    return file_response(body, CALENDAR, f"{found.slug}.ics")


@public
@GET_POST
def event(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.event_with_organiser(slug=slug)
    form = EventRegisterForm(posted(request))
    if form.is_valid():
        if not services.public_allowed(ip=client_ip(request)):
            form.add_error(None, "Too many forms from this connection. Try again in an hour.")
        else:
            try:
                services.event_register(event=found, **form.cleaned_data)
            except ServiceError as error:
                apply_error(form, error)
            else:
                messages.success(request, f"You are registered for {found.title}.")
                return redirect("talent:event", slug=found.slug)
    user = request.user
    signed_in = user.is_authenticated
    now = timezone.now()
    registrations = found.registrations.all()
    return _page(
        request,
        "event.jinja",
        event=found,
        form=form,
        partners=found.partners.select_related("organisation"),
        jobs=selectors.event_jobs(found, timezone.localdate())
        if found.cancelled_at is None
        else [],
        registered=len(registrations),
        attended=sum(1 for r in registrations if r.attended),
        open_for_registration=found.cancelled_at is None and found.ends_at >= now,
        started=found.starts_at <= now,
        can_sign_up=signed_in and access.is_recruiter(user),
        can_manage=signed_in and access.manages_event(user, found),
        can_take_attendance=signed_in and access.is_coordinator(user),
    )


def _managed_event(request: HttpRequest, slug: str) -> RecruitmentEvent:
    found = selectors.event_with_organiser(slug=slug)
    if not access.manages_event(request.user, found):
        raise Http404("No event of yours with this address")
    return found


def _event_form(request: HttpRequest, event: RecruitmentEvent | None) -> HttpResponse:
    form = EventForm(
        posted(request),
        organisers=access.organisations_for(request.user),
        initial=event_initial(event) if event is not None else None,
    )

    def save(data: dict[str, Any]) -> RecruitmentEvent:
        starts_at, ends_at = form.times()
        rest = {k: v for k, v in data.items() if k not in ("day", "starts", "ends")}
        return services.event_save(
            actor=request.user, starts_at=starts_at, ends_at=ends_at, event=event, **rest
        )

    done = submitted(
        request,
        form,
        save,
        success="The event has been added." if event is None else "The event is updated.",
        redirect_to=lambda saved: reverse("talent:event", kwargs={"slug": saved.slug}),
    )
    if done is not None:
        return done
    return _page(request, "event_form.jinja", form=form, event=event)


@recruiter
@GET_POST
def event_add(request: HttpRequest) -> HttpResponse:
    return _event_form(request, None)


@recruiter
@GET_POST
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    found = _managed_event(request, slug)
    if found.cancelled_at is not None:
        messages.info(request, "This event has been cancelled, so it cannot be changed.")
        return redirect("talent:event", slug=found.slug)
    return _event_form(request, found)


@recruiter
@GET_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    found = _managed_event(request, slug)
    form = EventCancelForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.event_cancel(actor=request.user, event=found, reason=data["reason"]),
        success=lambda told: (
            f"The event is cancelled. We e-mailed {count(told, 'person', 'people')} who registered."
        ),
        redirect_to=reverse("talent:event", kwargs={"slug": found.slug}),
    )
    if done is not None:
        return done
    registered = found.registrations.count()
    return _page(request, "event_cancel.jinja", form=form, event=found, registered=registered)


@coordinator
@GET_POST
def event_attendance(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.event(slug=slug)
    registrations = list(
        found.registrations.select_related("candidate").order_by("candidate__full_name", "pk")
    )
    form = AttendanceForm(posted(request), registrations=registrations)
    done = submitted(
        request,
        form,
        lambda data: services.attendance_record(
            actor=request.user, event=found, attended=form.attended()
        ),
        success="Attendance has been recorded.",
        redirect_to=reverse("talent:event", kwargs={"slug": found.slug}),
    )
    if done is not None:
        return done
    audit.record(
        actor=request.user,
        action="talent.event_registrations_viewed",
        obj=found,
        changes={"people": len(registrations)},
    )
    return _page(request, "event_attendance.jinja", form=form, event=found)


@recruiter
@GET_POST
def event_signup(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.event(slug=slug)
    form = EventSignupForm(posted(request), organisations=access.organisations_for(request.user))
    done = submitted(
        request,
        form,
        lambda data: services.event_partner_signup(actor=request.user, event=found, **data),
        success="Your partner is signed up to be there.",
        redirect_to=reverse("talent:event", kwargs={"slug": found.slug}),
    )
    if done is not None:
        return done
    return _page(request, "event_signup.jinja", form=form, event=found)
