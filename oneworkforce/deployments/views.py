"""Staff portability pages: the public register, needs, the deployment with its checks and
the actions each party takes, and reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.permissions import any_admin, public, signed_in
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted
from oneworkforce.partners.models import Organisation, User

from . import reports, services
from .forms import ActivateForm, CloseForm, EvidenceForm, NeedForm, OfferForm, ProposeForm
from .models import Deployment

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"deployments/{template}", context)


def _administered(user: User) -> Any:
    return Organisation.objects.administered_by(user).active()


def _deployment(request: HttpRequest, pk: int) -> Deployment:
    deployment = get_object_or_404(
        Deployment.objects.select_related("host", "employer", "person", "framework", "site"), pk=pk
    )
    if not services.involved(request.user, deployment):
        raise Http404
    return deployment


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    framework = services.portability_framework()
    return _page(
        request,
        "home.jinja",
        framework=framework,
        signatories=framework.signatories.current().count() if framework else 0,
    )


@any_admin
@require_GET
def deployments(request: HttpRequest) -> HttpResponse:
    mine = Deployment.objects.select_related("host", "employer", "person")
    if not request.user.is_partnership_admin:
        ids = request.user.administered_organisation_ids
        mine = mine.filter(host_id__in=ids) | mine.filter(employer_id__in=ids)
    open_needs = Deployment.objects.filter(state="requested", person__isnull=True).select_related(
        "host"
    )
    return _page(
        request,
        "deployments.jinja",
        deployments=mine.order_by("-raised_at")[:200],
        open_needs=open_needs.exclude(pk__in=mine.values("pk"))[:100],
    )


@any_admin
@GET_POST
def need_raise(request: HttpRequest) -> HttpResponse:
    form = NeedForm(posted(request), hosts=_administered(request.user))
    if form.is_valid():
        try:
            deployment = services.deployment_raise(
                actor=request.user, host=form.cleaned_data["host"], **form.service_fields()
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, "The need is raised. Partners who signed can now offer someone."
            )
            return redirect("deployments:deployment", pk=deployment.pk)
    return _page(request, "need_form.jinja", form=form)


@any_admin
@GET_POST
def offer(request: HttpRequest) -> HttpResponse:
    form = OfferForm(posted(request), employers=_administered(request.user))
    if form.is_valid():
        data = form.cleaned_data
        person = User.objects.filter(email=data["email"].lower()).first()
        try:
            if person is None:
                raise ServiceError("No one with this e-mail address has an account.", field="email")
            if data["host"] == data["employer"]:
                raise ServiceError("Offer the person to another partner.", field="host")
            found = services.deployment_offer(
                actor=request.user,
                employer=data["employer"],
                host=data["host"],
                person=person,
                **form.service_fields(),
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, "The offer is made. The partner and the person are asked to agree."
            )
            return redirect("deployments:deployment", pk=found.pk)
    return _page(request, "offer_form.jinja", form=form)


@signed_in
@require_GET
def deployment(request: HttpRequest, pk: int) -> HttpResponse:
    found = _deployment(request, pk)
    user = request.user
    is_host = user.administers(found.host)
    is_employer = found.employer is not None and user.administers(found.employer)
    return _page(
        request,
        "deployment.jinja",
        d=found,
        checks=services.checklist(found),
        is_host=is_host,
        is_employer=is_employer,
        is_person=user.pk == found.person_id,
    )


def _need_offered(request: HttpRequest, pk: int) -> Deployment:
    """Open needs are visible to the admins of every signatory, so they can offer someone."""
    found = get_object_or_404(Deployment.objects.select_related("host", "framework"), pk=pk)
    if not (request.user.is_partnership_admin or request.user.administered_organisation_ids):
        raise PermissionDenied
    return found


@any_admin
@GET_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    found = _need_offered(request, pk)
    employers = _administered(request.user).exclude(pk=found.host_id)
    only = employers.first() if employers.count() == 1 else None
    form = ProposeForm(posted(request), employers=employers, initial={"employer": only})
    if form.is_valid():
        person = User.objects.filter(email=form.cleaned_data["email"].lower()).first()
        try:
            if person is None:
                raise ServiceError("No one with this e-mail address has an account.", field="email")
            services.deployment_propose(
                actor=request.user,
                deployment=found,
                employer=form.cleaned_data["employer"],
                person=person,
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, f"{person.display_name} is named. They and the host are asked to agree."
            )
            return redirect("deployments:deployment", pk=found.pk)
    return _page(request, "propose.jinja", d=found, form=form)


def _act(
    request: HttpRequest, pk: int, action: Callable[..., Any], done: str, **kwargs: Any
) -> HttpResponse:
    found = _deployment(request, pk)
    try:
        action(actor=request.user, deployment=found, **kwargs)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("deployments:deployment", pk=found.pk)


@signed_in
@require_POST
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.deployment_consent, "Thank you: your consent is recorded.")


def _host_only(request: HttpRequest, pk: int) -> Deployment:
    found = _deployment(request, pk)
    if not request.user.administers(found.host):
        raise PermissionDenied
    return found


@signed_in
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    _host_only(request, pk)
    return _act(request, pk, services.deployment_accept, "You have accepted the person named.")


@signed_in
@GET_POST
def attest(request: HttpRequest, pk: int) -> HttpResponse:
    found = _deployment(request, pk)
    form = EvidenceForm(posted(request))
    if form.is_valid():
        try:
            services.evidence_attest(actor=request.user, deployment=found, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The check is vouched for.")
            return redirect("deployments:deployment", pk=found.pk)
    return _page(request, "attest.jinja", d=found, form=form)


@signed_in
@GET_POST
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    found = _host_only(request, pk)
    form = ActivateForm(posted(request))
    if form.is_valid():
        try:
            services.deployment_activate(actor=request.user, deployment=found, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The deployment is active.")
            return redirect("deployments:deployment", pk=found.pk)
    return _page(request, "activate.jinja", d=found, form=form, checks=services.checklist(found))


@signed_in
@GET_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    found = _deployment(request, pk)
    user = request.user
    if not (user.administers(found.host) or (found.employer and user.administers(found.employer))):
        raise PermissionDenied
    form = CloseForm(posted(request))
    if form.is_valid():
        try:
            services.deployment_close(actor=request.user, deployment=found, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The deployment is closed.")
            return redirect("deployments:deployment", pk=found.pk)
    return _page(request, "close.jinja", d=found, form=form)


@any_admin
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    scope = (
        None if request.user.is_partnership_admin else request.user.administered_organisation_ids
    )
    return _page(request, "report.jinja", report=reports.portability(scope))
