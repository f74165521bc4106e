"""Employ-and-deploy agreements between a lead employer and primary care networks.

Every page needs a partner admin (or a partnership admin); each agreement is then fetched from
the agreements the person may see (404 otherwise), and changes need the lead employer's admin
(403 otherwise). See ``employ.py`` for who sees what.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.permissions import any_admin
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted

from . import employ
from .employ_forms import AgreedRoleForm, AgreementForm, EmploymentForm, EndForm
from .models import Agreement, Employment

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"deployments/employ/{template}", context)


def _visible(request: HttpRequest, slug: str) -> Agreement:
    return get_object_or_404(employ.agreements_for(request.user), slug=slug)


def _managed(request: HttpRequest, slug: str) -> Agreement:
    agreement = _visible(request, slug)
    if not employ.can_manage(request.user, agreement):
        raise PermissionDenied
    return agreement


@any_admin
@require_GET
def agreements(request: HttpRequest) -> HttpResponse:
    found = employ.agreements_for(request.user).prefetch_related("pcns")
    return _page(request, "index.jinja", agreements=found)


@any_admin
@GET_POST
def agreement_add(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(posted(request), user=request.user)
    if form.is_valid():
        try:
            saved = employ.agreement_save(actor=request.user, **form.service_fields())
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The agreement has been set up.")
            return redirect("deployments:employ_agreement", slug=saved.slug)
    return _page(request, "agreement_form.jinja", form=form)


@any_admin
@require_GET
def agreement(request: HttpRequest, slug: str) -> HttpResponse:
    found = _visible(request, slug)
    today = timezone.localdate()
    pcns = employ.pcns_for(request.user, found)
    return _page(
        request,
        "agreement.jinja",
        agreement=found,
        manages=employ.can_manage(request.user, found),
        all_pcns=list(found.pcns.order_by("name")),
        reports=employ.pcn_reports(found, pcns, on=today),
        staff=[employ.staff_row(e, today) for e in employ.staff_for(request.user, found)],
    )


@any_admin
@require_GET
def report(request: HttpRequest, slug: str, pcn: str) -> HttpResponse:
    found = _visible(request, slug)
    chosen = next((p for p in employ.pcns_for(request.user, found) if p.slug == pcn), None)
    if chosen is None:
        raise PermissionDenied
    today = timezone.localdate()
    (figures,) = employ.pcn_reports(found, [chosen], on=today)
    return _page(
        request,
        "report.jinja",
        agreement=found,
        report=figures,
        roles=employ.role_rows(figures.roles),
        chart=employ.role_chart(figures.roles),
        staff=[employ.staff_row(e, today) for e in figures.staff],
    )


@any_admin
@GET_POST
def role_add(request: HttpRequest, slug: str) -> HttpResponse:
    found = _managed(request, slug)
    form = AgreedRoleForm(posted(request), agreement=found)
    if form.is_valid():
        try:
            employ.agreed_role_save(actor=request.user, agreement=found, **form.service_fields())
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The agreed role has been saved.")
            return redirect("deployments:employ_agreement", slug=found.slug)
    return _page(request, "role_form.jinja", agreement=found, form=form)


@any_admin
@GET_POST
def staff_add(request: HttpRequest, slug: str) -> HttpResponse:
    found = _managed(request, slug)
    form = EmploymentForm(posted(request), agreement=found)
    if form.is_valid():
        try:
            employ.employment_save(actor=request.user, agreement=found, **form.service_fields())
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The employed person has been added.")
            return redirect("deployments:employ_agreement", slug=found.slug)
    return _page(request, "staff_form.jinja", agreement=found, form=form)


@any_admin
@GET_POST
def staff_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _managed(request, slug)
    person = get_object_or_404(Employment.objects.select_related("pcn"), pk=pk, agreement=found)
    form = EndForm(posted(request))
    if form.is_valid():
        try:
            employ.employment_end(
                actor=request.user, employment=person, ends_on=form.cleaned_data["ends_on"]
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"The end of {person.name}'s employment has been recorded.")
            return redirect("deployments:employ_agreement", slug=found.slug)
    return _page(request, "end_form.jinja", agreement=found, person=person, form=form)


urlpatterns: list[URLPattern] = [
    path("employ/", agreements, name="employ_agreements"),
    path("employ/new/", agreement_add, name="employ_agreement_add"),
    path("employ/<slug:slug>/", agreement, name="employ_agreement"),
    path("employ/<slug:slug>/pcn/<slug:pcn>/", report, name="employ_report"),
    path("employ/<slug:slug>/roles/add/", role_add, name="employ_role_add"),
    path("employ/<slug:slug>/staff/add/", staff_add, name="employ_staff_add"),
    path("employ/<slug:slug>/staff/<int:pk>/end/", staff_end, name="employ_staff_end"),
]
