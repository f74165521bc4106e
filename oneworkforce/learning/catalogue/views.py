"""Catalogue pages: the front page, search and its feeds, a listing's public page, and the
provider's pages for its listings (under ``/learning/manage/<partner>/``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import feedgenerator
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.presenters import paginate, pagination, query_without_page
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted, submitted
from oneworkforce.partners.models import Organisation

from .. import access
from ..bookings import presenters as booking_presenters
from ..bookings import selectors as booking_selectors
from ..bookings.calendar import calendar_file
from ..materials import presenters as material_presenters
from ..materials import selectors as material_selectors
from ..models import Opportunity, Status
from ..programmes import selectors as programme_selectors
from ..records import selectors as record_selectors
from . import presenters, selectors, services, wording
from .forms import OpportunityForm, SearchForm, WithdrawForm
from .search import UnknownPostcode, search

GET_POST = require_http_methods(["GET", "POST"])
FEED_LIMIT = 200
WORDED_FIELDS = ("title", "summary", "who_can_take")


def _page(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    return render(request, f"learning/catalogue/{template}", context, status=status)


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


@access.public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return _page(request, "home.jinja", form=SearchForm(), **selectors.front_page())


@access.public
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form, results = _search(request)
    found = results if results is not None else selectors.no_opportunities()
    page = paginate(request, found, 20)
    listings = list(page.object_list)
    sessions = selectors.next_sessions(listings)
    nearest = selectors.sessions_by_id(getattr(o, "nearest_session", None) for o in listings)
    pairs = [(name, value) for name, values in request.GET.lists() for value in values]
    applied = presenters.applied_filters(pairs, form.filter_labels())
    return _page(
        request,
        "search.jinja",
        status=200,
        form=form,
        page=page,
        cards=[
            presenters.card(
                o,
                nearest.get(getattr(o, "nearest_session", None)) or sessions.get(o.pk),
                getattr(o, "distance_sq", None),
            )
            for o in listings
        ],
        applied=applied,
        near=form.cleaned_data.get("postcode", "") if results is not None else "",
        pagination=pagination(page, query_without_page(request)),
        query=request.GET.urlencode(),
        invalid=results is None,
    )


def _feed_results(request: HttpRequest) -> Any:
    _form, results = _search(request)
    if results is None:
        raise Http404("This search is not valid.")
    return results[:FEED_LIMIT]


@access.public
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


@access.public
@require_GET
def search_ics(request: HttpRequest) -> HttpResponse:
    results = _feed_results(request)
    sessions = selectors.feed_sessions(results)
    body = calendar_file(sessions, name=f"Learning: {request.GET.get('q') or 'all'}")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@access.public
@require_GET
def opportunity(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.opportunity_for(slug=slug)
    user = request.user
    is_provider = access.can_manage_listing(user, item)
    if item.status != Status.PUBLISHED and not is_provider:
        if item.status == Status.WITHDRAWN:
            return _page(request, "withdrawn.jinja", status=410, item=item)
        raise Http404
    sessions = selectors.upcoming_sessions(item)
    mine = {}
    interested = False
    if user.is_authenticated:
        mine = booking_selectors.active_bookings_by_session(learner=user, sessions=sessions)
        interested = selectors.is_interested(item, user)
    return _page(
        request,
        "opportunity.jinja",
        item=item,
        actions=presenters.listing_actions(item),
        sessions=[
            {
                **booking_presenters.session_row(s),
                "mine": booking_presenters.booking_row(mine[s.pk]) if s.pk in mine else None,
            }
            for s in sessions
        ],
        requirements=list(item.requirements.all()),
        topics=list(item.topics.all()),
        cost=presenters.cost(item),
        duration=presenters.duration(item, sessions),
        is_provider=is_provider,
        interested=interested,
        taken_any_time=not item.is_dated,
        programmes=programme_selectors.containing(item),
        materials=material_presenters.rows(
            material_selectors.listing_materials(user=user, opportunity=item)
        ),
    )


# A provider's listings -----------------------------------------------------------------------


@access.any_admin
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "manage/index.jinja",
        organisations=selectors.administered_organisations(request.user),
        show_dashboard_link=access.can_see_dashboard(request.user),
    )


@access.organisation_admin
@require_GET
def provider(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    listings = selectors.provider_listings(organisation)
    figures = booking_selectors.figures(organisation.name, organisation)
    return _page(
        request,
        "manage/provider.jinja",
        organisation=organisation,
        listings=listings,
        figures=figures,
        dashboard=booking_presenters.dashboard([figures]),
        pending=record_selectors.pending_declarations(organisation).count(),
        review_due=selectors.review_due(listings),
    )


def _wording(texts: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """Wording warnings per field, as plain dicts (they may wait in the session)."""
    return {
        field: [
            {"matched": w.matched, "message": w.message, "suggestion": w.suggestion} for w in found
        ]
        for field, found in wording.check_fields(texts).items()
        if found
    }


def _save_listing(
    request: HttpRequest, organisation: Organisation, item: Opportunity | None
) -> HttpResponse:
    initial = OpportunityForm.initial_from(item) if item else {"hold_hours": 48, "cost": 0}
    form = OpportunityForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            saved = services.opportunity_save(
                actor=request.user,
                organisation=organisation,
                opportunity=item,
                **form.service_fields(),
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            warnings = _wording({k: str(form.cleaned_data.get(k, "")) for k in WORDED_FIELDS})
            if warnings:
                request.session["learning_wording"] = warnings
            messages.success(request, "The listing has been saved.")
            return redirect("learning:listing", slug=organisation.slug, listing=saved.slug)
    return _page(
        request, "manage/listing_form.jinja", organisation=organisation, form=form, item=item
    )


@access.organisation_admin
@GET_POST
def listing_add(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _save_listing(request, organisation, None)


@access.organisation_admin
@GET_POST
def listing_edit(request: HttpRequest, organisation: Organisation, listing: str) -> HttpResponse:
    item = selectors.listing_for(organisation=organisation, slug=listing)
    return _save_listing(request, organisation, item)


@access.organisation_admin
@require_GET
def listing(request: HttpRequest, organisation: Organisation, listing: str) -> HttpResponse:
    item = selectors.listing_for(organisation=organisation, slug=listing)
    warnings = request.session.pop("learning_wording", None)
    if warnings is None:
        warnings = _wording({k: str(getattr(item, k)) for k in WORDED_FIELDS})
    sessions = selectors.listing_sessions(item)
    return _page(
        request,
        "manage/listing.jinja",
        organisation=organisation,
        item=item,
        actions=presenters.listing_actions(item),
        sessions=[booking_presenters.session_row(s) for s in sessions],
        interests=selectors.interest_count(item),
        warnings=warnings,
        field_labels={k: OpportunityForm.base_fields[k].label for k in WORDED_FIELDS},
    )


@access.organisation_admin
@require_POST
def listing_publish(request: HttpRequest, organisation: Organisation, listing: str) -> HttpResponse:
    item = selectors.listing_for(organisation=organisation, slug=listing)
    try:
        services.opportunity_publish(actor=request.user, opportunity=item)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The listing is published: anyone can find it.")
    return redirect("learning:listing", slug=organisation.slug, listing=item.slug)


@access.organisation_admin
@GET_POST
def listing_withdraw(
    request: HttpRequest, organisation: Organisation, listing: str
) -> HttpResponse:
    item = selectors.listing_for(organisation=organisation, slug=listing)
    form = WithdrawForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.opportunity_withdraw(
            actor=request.user, opportunity=item, reason=data["reason"]
        ),
        success=lambda told: f"The listing is withdrawn. We have told {told} people.",
        redirect_to=reverse(
            "learning:listing", kwargs={"slug": organisation.slug, "listing": item.slug}
        ),
    )
    if done is not None:
        return done
    return _page(request, "manage/withdraw.jinja", organisation=organisation, item=item, form=form)
