"""Employ-and-deploy agreements between a lead employer and primary care networks.

Every page needs a partner admin (or a partnership admin); each agreement is then fetched from
the agreements the person may see (404 otherwise), and changes need the lead employer's admin
(403 otherwise). See ``services.py`` and ``..access`` for who sees what.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.permissions import any_admin
from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from . import presenters, selectors, services
from .forms import AgreedPostForm, AgreementForm, EmploymentForm, EndForm

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"deployments/employ/{template}", context)


def _agreement_page(agreement: Any) -> str:
    return reverse("deployments:employ_agreement", kwargs={"slug": agreement.slug})


@any_admin
@require_GET
def agreements(request: HttpRequest) -> HttpResponse:
    found = selectors.agreements_for(request.user).prefetch_related("pcns")
    return _page(request, "index.jinja", agreements=found)


@any_admin
@GET_POST
def agreement_add(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(posted(request), user=request.user)
    done = submitted(
        request,
        form,
        lambda data: services.agreement_save(actor=request.user, **form.service_fields()),
        success="The agreement has been set up.",
        redirect_to=_agreement_page,
    )
    if done is not None:
        return done
    return _page(request, "agreement_form.jinja", form=form)


@any_admin
@require_GET
def agreement(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.agreement_for(user=request.user, slug=slug)
    today = timezone.localdate()
    pcns = selectors.pcns_for(request.user, found)
    return _page(
        request,
        "agreement.jinja",
        agreement=found,
        manages=access.can_manage(request.user, found),
        all_pcns=selectors.pcns_of(found),
        reports=selectors.pcn_reports(found, pcns, on=today),
        staff=[presenters.staff_row(e, today) for e in selectors.staff_for(request.user, found)],
    )


@any_admin
@require_GET
def report(request: HttpRequest, slug: str, pcn: str) -> HttpResponse:
    found = selectors.agreement_for(user=request.user, slug=slug)
    chosen = next((p for p in selectors.pcns_for(request.user, found) if p.slug == pcn), None)
    if chosen is None:
        raise PermissionDenied
    today = timezone.localdate()
    (figures,) = selectors.pcn_reports(found, [chosen], on=today)
    return _page(
        request,
        "report.jinja",
        agreement=found,
        report=figures,
        posts=presenters.post_rows(figures.posts),
        chart=presenters.post_chart(figures.posts),
        staff=[presenters.staff_row(e, today) for e in figures.staff],
    )


@any_admin
@GET_POST
def post_add(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.agreement_for(user=request.user, slug=slug, manage=True)
    form = AgreedPostForm(posted(request), agreement=found)
    done = submitted(
        request,
        form,
        lambda data: services.agreed_post_save(
            actor=request.user, agreement=found, **form.service_fields()
        ),
        success="The agreed posts have been saved.",
        redirect_to=_agreement_page(found),
    )
    if done is not None:
        return done
    return _page(request, "post_form.jinja", agreement=found, form=form)


@any_admin
@GET_POST
def staff_add(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.agreement_for(user=request.user, slug=slug, manage=True)
    form = EmploymentForm(posted(request), agreement=found)
    done = submitted(
        request,
        form,
        lambda data: services.employment_save(
            actor=request.user, agreement=found, **form.service_fields()
        ),
        success="The employed person has been added.",
        redirect_to=_agreement_page(found),
    )
    if done is not None:
        return done
    return _page(request, "staff_form.jinja", agreement=found, form=form)


@any_admin
@GET_POST
def staff_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = selectors.agreement_for(user=request.user, slug=slug, manage=True)
    person = selectors.employment_in(agreement=found, pk=pk)
    form = EndForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.employment_end(
            actor=request.user, employment=person, ends_on=data["ends_on"]
        ),
        success=f"The end of {person.name}'s employment has been recorded.",
        redirect_to=_agreement_page(found),
    )
    if done is not None:
        return done
    return _page(request, "end_form.jinja", agreement=found, person=person, form=form)
