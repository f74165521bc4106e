"""Learning pages anyone can use: the catalogue, search and feeds, booking, my learning,
certificates and their public check."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce import personal_data
from oneworkforce.core.http import csv_response, file_response
from oneworkforce.core.permissions import public, signed_in
from oneworkforce.core.presenters import paginate, pagination, query_without_page
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted

from . import pdf, presenters, selectors, services
from .calendar import calendar_file
from .compliance import certificate_valid_until, role_compliance
from .forms import DeclareForm, SearchForm
from .models import (
    Booking,
    Completion,
    CompletionState,
    Kind,
    Opportunity,
    Requirement,
    RoleProfile,
    Session,
    Status,
    Topic,
)
from .search import UnknownPostcode, search

GET_POST = require_http_methods(["GET", "POST"])
FEED_LIMIT = 200


def _page(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    return render(request, f"learning/{template}", context, status=status)


def _search(request: HttpRequest) -> tuple[SearchForm, Any]:
    """The bound search form and its results (``None`` when the query string is invalid)."""
    form = SearchForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, None
    if not request.GET:
        form = SearchForm({})
        form.is_valid()
    try:
        return form, search(form.criteria())
    except UnknownPostcode:
        form.add_error("postcode", "We do not know where this postcode is. Try a nearby one.")
        return form, None


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    published = Opportunity.objects.published()
    return _page(
        request,
        "home.jinja",
        form=SearchForm(),
        kinds=[
            (value, label, count)
            for value, label in Kind.choices
            for count in [published.filter(kind=value).count()]
        ],
        topics=Topic.objects.annotate(
            n=Count("opportunities", filter=Q(opportunities__status=Status.PUBLISHED))
        ).filter(n__gt=0),
        total=published.count(),
    )


@public
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form, results = _search(request)
    page = paginate(request, results if results is not None else Opportunity.objects.none(), 20)
    sessions = _next_sessions(page.object_list)
    return _page(
        request,
        "search.jinja",
        status=200,
        form=form,
        page=page,
        cards=[_card(o, sessions.get(o.pk)) for o in page.object_list],
        pagination=pagination(page, query_without_page(request)),
        query=request.GET.urlencode(),
        invalid=results is None,
    )


def _next_sessions(opportunities: Any) -> dict[int, Session]:
    ids = [o.pk for o in opportunities]
    found: dict[int, Session] = {}
    upcoming = Session.objects.upcoming().filter(opportunity_id__in=ids).select_related("site")
    for session in upcoming.order_by("starts_at"):
        found.setdefault(session.opportunity_id, session)
    return found


def _card(opportunity: Opportunity, session: Session | None) -> dict[str, Any]:
    return {
        "title": opportunity.title,
        "href": reverse("learning:opportunity", args=[opportunity.slug]),
        "provider": opportunity.organisation.name,
        "kind": opportunity.get_kind_display(),
        "summary": opportunity.summary,
        "cost": presenters.cost(opportunity),
        "duration": presenters.duration(opportunity),
        "next": presenters.session_row(session) if session else None,
    }


def _feed_results(request: HttpRequest) -> Any:
    _form, results = _search(request)
    if results is None:
        raise Http404("This search is not valid.")
    return results[:FEED_LIMIT]


@public
@require_GET
def search_atom(request: HttpRequest) -> HttpResponse:
    results = _feed_results(request)
    page_url = request.build_absolute_uri(
        reverse("learning:search") + "?" + request.GET.urlencode()
    )
    feed = feedgenerator.Atom1Feed(
        title=f"Learning: {request.GET.get('q') or 'all opportunities'}",
        link=page_url,
        description="Learning opportunities from every partner",
        feed_url=request.build_absolute_uri(),
        language="en-gb",
    )
    for opportunity in results:
        link = request.build_absolute_uri(reverse("learning:opportunity", args=[opportunity.slug]))
        feed.add_item(
            title=opportunity.title,
            link=link,
            description=opportunity.summary,
            unique_id=link,
            author_name=opportunity.organisation.name,
            pubdate=opportunity.published_at,
            updateddate=opportunity.updated_at,
            categories=[opportunity.get_kind_display()],
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )


@public
@require_GET
def search_ics(request: HttpRequest) -> HttpResponse:
    results = _feed_results(request)
    sessions = (
        Session.objects.upcoming()
        .filter(opportunity__in=[o.pk for o in results])
        .select_related("opportunity__organisation", "site")[:1000]
    )
    body = calendar_file(sessions, name=f"Learning: {request.GET.get('q') or 'all'}")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@public
@require_GET
def opportunity(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Opportunity.objects.select_related("organisation"), slug=slug)
    user = request.user
    is_provider = user.is_authenticated and user.administers(item.organisation)
    if item.status != Status.PUBLISHED and not is_provider:
        if item.status == Status.WITHDRAWN:
            return _page(request, "withdrawn.jinja", status=410, item=item)
        raise Http404
    sessions = list(item.sessions.upcoming().select_related("site"))
    mine: dict[int, Booking] = {}
    interested = False
    if user.is_authenticated:
        mine = {
            b.session_id: b
            for b in Booking.objects.active().filter(learner=user, session__in=sessions)
        }
        interested = item.interests.filter(learner=user).exists()
    return _page(
        request,
        "opportunity.jinja",
        item=item,
        sessions=[
            {
                **presenters.session_row(s),
                "mine": presenters.booking_row(mine[s.pk]) if s.pk in mine else None,
            }
            for s in sessions
        ],
        requirements=list(item.requirements.all()),
        topics=list(item.topics.all()),
        cost=presenters.cost(item),
        duration=presenters.duration(item),
        is_provider=is_provider,
        interested=interested,
        taken_any_time=not item.is_dated,
    )


def _refused(request: HttpRequest, error: ServiceError, back: str) -> HttpResponse:
    messages.error(request, error.message)
    return redirect(back)


@signed_in
@require_POST
def book(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("opportunity"), pk=pk)
    back = reverse("learning:opportunity", args=[session.opportunity.slug])
    try:
        booking = services.booking_create(actor=request.user, session_id=session.pk)
    except ServiceError as error:
        return _refused(request, error, back)
    messages.success(request, _booked_message(booking))
    return redirect("learning:my")


def _booked_message(booking: Booking) -> str:
    title = booking.session.opportunity.title
    return {
        "booked": f"You are booked on {title}. We have e-mailed you the details.",
        "pending_approval": f"Your place on {title} is held while the provider approves it.",
        "waitlisted": f"{title} is full, so you are on the waiting list. We will e-mail you if "
        "a place comes free.",
    }.get(booking.state, "Your booking has been updated.")


def _booking_action(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    get_object_or_404(Booking, pk=pk, learner=request.user)
    try:
        action(actor=request.user, booking_id=pk)
    except ServiceError as error:
        return _refused(request, error, reverse("learning:my"))
    messages.success(request, done)
    return redirect("learning:my")


@signed_in
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _booking_action(request, pk, services.booking_cancel, "Your booking has been cancelled.")


@signed_in
@require_POST
def offer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _booking_action(request, pk, services.offer_accept, "You have accepted the place.")


@signed_in
@require_POST
def offer_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _booking_action(
        request, pk, services.offer_decline, "You have turned down the place. Thank you."
    )


@signed_in
@require_GET
def booking_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(
        Booking.objects.select_related("session__opportunity__organisation", "session__site"),
        pk=pk,
        learner=request.user,
        state="booked",
    )
    body = calendar_file([booking.session], name=booking.session.opportunity.title)
    return file_response(body, "text/calendar; charset=utf-8", "session.ics")


@signed_in
@require_POST
def interest(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Opportunity, slug=slug)
    back = reverse("learning:opportunity", args=[slug])
    try:
        services.interest_register(actor=request.user, opportunity=item)
    except ServiceError as error:
        return _refused(request, error, back)
    messages.success(request, "Thank you: the provider can see you are interested.")
    return redirect(back)


@signed_in
@GET_POST
def declare(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Opportunity.objects.published(), slug=slug)
    form = DeclareForm(posted(request))
    if form.is_valid():
        try:
            services.completion_declare(actor=request.user, opportunity=item, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, "Thank you. The provider will check it and add it to your record."
            )
            return redirect("learning:my")
    return _page(request, "declare.jinja", form=form, item=item)


@signed_in
@require_GET
def my(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    bookings = list(selectors.my_bookings(user))
    now = timezone.now()
    current = [
        b
        for b in bookings
        if b.state in ("booked", "pending_approval", "waitlisted", "offered")
        and b.session.starts_at > now
    ]
    past = [b for b in bookings if b not in current]
    completions = list(selectors.my_completions(user))
    return _page(
        request,
        "my.jinja",
        offers=[presenters.booking_row(b) for b in current if b.state == "offered"],
        current=[
            presenters.booking_row(
                b, selectors.waiting_position(b) if b.state == "waitlisted" else None
            )
            for b in current
            if b.state != "offered"
        ],
        past=[presenters.booking_row(b) for b in past[:50]],
        completions=completions,
        roles=[(r, presenters.standing_rows(r)) for r in selectors.my_roles(user, today)],
        other_roles=RoleProfile.objects.select_related("organisation").exclude(members=user)[:200],
    )


def _record(request: HttpRequest) -> tuple[list[list[str]], list[list[str]]]:
    return presenters.record_rows(
        selectors.my_bookings(request.user), selectors.my_completions(request.user)
    )


@signed_in
@require_GET
def my_csv(request: HttpRequest) -> HttpResponse:
    bookings, completions = _record(request)
    user = request.user
    personal_data.download_record(actor=user, subject=user, what="learning record (CSV)")
    rows = [["Bookings", *[""] * 5], *bookings, [], ["Completions", *[""] * 5], *completions]
    return csv_response("learning-record.csv", rows[0], rows[1:])


@signed_in
@require_GET
def my_pdf(request: HttpRequest) -> HttpResponse:
    bookings, completions = _record(request)
    user = request.user
    personal_data.download_record(actor=user, subject=user, what="learning record (PDF)")
    body = pdf.record(
        learner=request.user.display_name,
        generated=timezone.localtime(),
        sections=[("Completed learning", completions), ("Bookings", bookings)],
    )
    return file_response(body, "application/pdf", "learning-record.pdf")


@signed_in
@require_GET
def my_role(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(RoleProfile.objects.select_related("organisation"), pk=pk)
    result = role_compliance(request.user, profile, today=timezone.localdate())
    return _page(
        request,
        "my_role.jinja",
        profile=profile,
        result=result,
        rows=presenters.standing_rows(result),
    )


@signed_in
@require_GET
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    completion = get_object_or_404(
        Completion.objects.select_related("opportunity", "issuer"),
        certificate_code=code,
        learner=request.user,
        state=CompletionState.VERIFIED,
    )
    user = request.user
    personal_data.download_record(actor=user, subject=user, what="certificate (PDF)")
    body = pdf.certificate(
        learner=request.user.display_name,
        title=completion.opportunity.title,
        issuer=completion.issuer.name,
        completed_on=completion.completed_on,
        requirements=[str(r) for r in completion.requirements.all()],
        code=completion.certificate_code,
        verify_url=settings.SITE_URL + reverse("learning:certificate", args=[code]),
        valid_until=certificate_valid_until(completion),
    )
    return file_response(body, "application/pdf", f"certificate-{code}.pdf")


@public
@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip().upper()
    if code:
        return redirect("learning:certificate", code=code)
    return _page(request, "verify.jinja")


@public
@require_GET
def certificate(request: HttpRequest, code: str) -> HttpResponse:
    completion = (
        Completion.objects.select_related("opportunity", "issuer", "learner")
        .filter(certificate_code=code.upper())
        .first()
    )
    if completion is None or completion.state in (
        CompletionState.PENDING,
        CompletionState.REJECTED,
    ):
        return _page(request, "certificate.jinja", status=404, code=code, completion=None)
    valid_until = certificate_valid_until(completion)
    return _page(
        request,
        "certificate.jinja",
        code=code,
        completion=completion,
        valid_until=valid_until,
        status_key=presenters.completion_status(completion, valid_until, timezone.localdate()),
    )


@public
@require_GET
def requirements(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "requirements.jinja",
        requirements=Requirement.objects.all(),
        roles=RoleProfile.objects.select_related("organisation").prefetch_related("requirements"),
    )
