"""The public job board: search with its Atom feed, a job's page with its JobPosting data, and
the short apply form. No sign-in anywhere."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.http import client_ip
from oneworkforce.core.presenters import pagination, query_without_page
from oneworkforce.core.viewhelpers import posted, submitted
from oneworkforce.talent.outreach.services import public_allowed

from .. import access
from ..pathways.selectors import catalogue
from . import presenters, selectors, services
from .forms import ApplyForm, SearchForm

GET_POST = require_http_methods(["GET", "POST"])
FEED_LIMIT = 100


def _page(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    return render(request, f"careers/jobs/{template}", context, status=status)


def _results(request: HttpRequest) -> tuple[SearchForm, Any]:
    """The bound search form and its results (None when the search cannot be run)."""
    form = SearchForm(request.GET or {})
    if not form.is_valid():
        return form, None
    try:
        return form, selectors.search(form.criteria())
    except selectors.UnknownPlace:
        form.add_error("near", "We do not know where this is. Try a nearby postcode or district.")
        return form, None


@access.public
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form, results = _results(request)
    today = timezone.localdate()
    page = selectors.results_page(results, request.GET.get("page")) if results is not None else None
    role = catalogue().role(form.cleaned_data.get("role", "")) if results is not None else None
    return _page(
        request,
        "search.jinja",
        status=200 if results is not None else 400,
        form=form,
        page=page,
        cards=[presenters.card(v, today) for v in page] if page else [],
        pagination=pagination(page, query_without_page(request)) if page else {},
        query=request.GET.urlencode(),
        role=role,
        filtered=any(k != "page" for k in request.GET),
    )


@access.public
@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    _form, results = _results(request)
    page_url = request.build_absolute_uri(reverse("careers:jobs") + "?" + request.GET.urlencode())
    atom = feedgenerator.Atom1Feed(
        title=f"Jobs: {request.GET.get('q') or 'every open job'}",
        link=page_url,
        description="Open jobs at every partner in health and care",
        feed_url=request.build_absolute_uri(),
        language="en-gb",
    )
    today = timezone.localdate()
    for vacancy in (results or [])[:FEED_LIMIT]:
        link = request.build_absolute_uri(reverse("careers:job", args=[vacancy.pk]))
        atom.add_item(
            title=vacancy.title,
            link=link,
            description=f"{vacancy.organisation.name}. {presenters.pay_summary(vacancy)}. "
            + (presenters.card(vacancy, today)["closes"] or "No closing date")
            + ".",
            unique_id=link,
            author_name=vacancy.organisation.name,
            pubdate=vacancy.created_at,
            updateddate=vacancy.updated_at,
            categories=[vacancy.get_work_area_display()],
        )
    return HttpResponse(
        atom.writeString("utf-8"),
        content_type="application/atom+xml; charset=utf-8",
        status=200 if results is not None else 400,
    )


def _came_from(request: HttpRequest) -> dict[str, str]:
    """The campaign code or event a visitor arrived with, passed on to the apply form."""
    kept = {"from": request.GET.get("from", "")[:12], "event": request.GET.get("event", "")[:110]}
    return {k: v for k, v in kept.items() if v}


def _closed(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, "closed.jinja", status=404, vacancy=selectors.vacancy_any(pk=pk))


def _json_ld(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> block: nothing in it can end the block."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@access.public
@require_GET
def job(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    try:
        vacancy = selectors.job_for(pk=pk, today=today)
    except Http404:
        return _closed(request, pk)
    url = request.build_absolute_uri(reverse("careers:job", args=[pk]))
    return _page(
        request,
        "job.jinja",
        job=presenters.page(vacancy, catalogue(), today, came_from=_came_from(request)),
        wording=presenters.wording_warnings(vacancy)
        if access.can_manage_job(request.user, vacancy.organisation)
        else [],
        json_ld=_json_ld(presenters.job_posting(vacancy, url=url, today=today)),
    )


@access.public
@GET_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    try:
        vacancy = selectors.job_for(pk=pk, today=today)
    except Http404:
        return _closed(request, pk)
    form = ApplyForm(posted(request), has_criteria=bool(vacancy.essential_criteria))
    if request.method == "POST" and form.is_valid() and not public_allowed(ip=client_ip(request)):
        form.add_error(None, "Too many forms from this connection. Try again in an hour.")
    done = submitted(
        request,
        form,
        lambda data: services.job_apply(
            vacancy_id=pk,
            campaign_code=request.GET.get("from", "")[:12],
            event_slug=request.GET.get("event", "")[:110],
            **data,
        ),
        success=None,
        redirect_to=reverse("careers:applied", args=[pk]),
    )
    if done is not None:
        return done
    return _page(
        request, "apply.jinja", form=form, job=presenters.page(vacancy, catalogue(), today)
    )


@access.public
@require_GET
def applied(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_any(pk=pk)
    if vacancy is None:
        return redirect("careers:jobs")
    return _page(request, "applied.jinja", vacancy=vacancy)
