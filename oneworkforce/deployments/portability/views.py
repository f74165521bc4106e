"""Staff portability pages: the public register, needs, the deployment with its checks and
the actions each party takes, and reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.permissions import any_admin, public, signed_in
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from ..models import Deployment
from . import presenters, selectors, services
from .forms import ActivateForm, CloseForm, EvidenceForm, NeedForm, OfferForm, ProposeForm

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"deployments/{template}", context)


def _host_only(request: HttpRequest, pk: int) -> Deployment:
    found = selectors.deployment_for(user=request.user, pk=pk)
    if not access.hosts(request.user, found):
        raise PermissionDenied
    return found


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    framework = selectors.portability_framework()
    return _page(
        request,
        "home.jinja",
        framework=framework,
        signatories=selectors.signatories_today(framework),
        works_with_partners=access.works_with_partners(request.user),
    )


@any_admin
@require_GET
def deployments(request: HttpRequest) -> HttpResponse:
    mine, open_needs = selectors.deployments_for(request.user)
    return _page(request, "portability/deployments.jinja", deployments=mine, open_needs=open_needs)


def _deployment_page(deployment: Deployment) -> str:
    return reverse("deployments:deployment", kwargs={"pk": deployment.pk})


@any_admin
@GET_POST
def need_raise(request: HttpRequest) -> HttpResponse:
    form = NeedForm(posted(request), hosts=selectors.administered(request.user))
    done = submitted(
        request,
        form,
        lambda data: services.deployment_raise(
            actor=request.user, host=data["host"], **form.service_fields()
        ),
        success="The need is raised. Partners who signed can now offer someone.",
        redirect_to=_deployment_page,
    )
    if done is not None:
        return done
    return _page(request, "portability/need_form.jinja", form=form)


@any_admin
@GET_POST
def offer(request: HttpRequest) -> HttpResponse:
    form = OfferForm(posted(request), employers=selectors.administered(request.user))

    def make(data: dict[str, Any]) -> Deployment:
        person = selectors.person_by_email(data["email"])
        if person is None:
            raise ServiceError("No one with this e-mail address has an account.", field="email")
        if data["host"] == data["employer"]:
            raise ServiceError("Offer the person to another partner.", field="host")
        return services.deployment_offer(
            actor=request.user,
            employer=data["employer"],
            host=data["host"],
            person=person,
            **form.service_fields(),
        )

    done = submitted(
        request,
        form,
        make,
        success="The offer is made. The partner and the person are asked to agree.",
        redirect_to=_deployment_page,
    )
    if done is not None:
        return done
    return _page(request, "portability/offer_form.jinja", form=form)


@signed_in
@require_GET
def deployment(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.deployment_for(user=request.user, pk=pk)
    return _page(
        request,
        "portability/deployment.jinja",
        d=found,
        checks=services.checklist(found),
        steps=presenters.next_steps(
            found,
            is_host=access.hosts(request.user, found),
            is_employer=access.lends(request.user, found),
            is_person=request.user.pk == found.person_id,
        ),
    )


@any_admin
@GET_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.need_for(user=request.user, pk=pk)
    employers = selectors.administered(request.user).exclude(pk=found.host_id)
    only = employers.first() if employers.count() == 1 else None
    form = ProposeForm(posted(request), employers=employers, initial={"employer": only})

    def name(data: dict[str, Any]) -> Any:
        person = selectors.person_by_email(data["email"])
        if person is None:
            raise ServiceError("No one with this e-mail address has an account.", field="email")
        services.deployment_propose(
            actor=request.user, deployment=found, employer=data["employer"], person=person
        )
        return person

    done = submitted(
        request,
        form,
        name,
        success=lambda person: (
            f"{person.display_name} is named. They and the host are asked to agree."
        ),
        redirect_to=_deployment_page(found),
    )
    if done is not None:
        return done
    return _page(request, "portability/propose.jinja", d=found, form=form)


def _act(
    request: HttpRequest, pk: int, action: Callable[..., Any], done: str, **kwargs: Any
) -> HttpResponse:
    found = selectors.deployment_for(user=request.user, pk=pk)
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


@signed_in
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    _host_only(request, pk)
    return _act(request, pk, services.deployment_accept, "You have accepted the person named.")


@signed_in
@GET_POST
def attest(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.deployment_for(user=request.user, pk=pk)
    form = EvidenceForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.evidence_attest(actor=request.user, deployment=found, **data),
        success="The check is vouched for.",
        redirect_to=_deployment_page(found),
    )
    if done is not None:
        return done
    return _page(request, "portability/attest.jinja", d=found, form=form)


@signed_in
@GET_POST
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    found = _host_only(request, pk)
    form = ActivateForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.deployment_activate(actor=request.user, deployment=found, **data),
        success="The deployment is active.",
        redirect_to=_deployment_page(found),
    )
    if done is not None:
        return done
    return _page(
        request, "portability/activate.jinja", d=found, form=form, checks=services.checklist(found)
    )


@signed_in
@GET_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.deployment_for(user=request.user, pk=pk)
    if not access.closes(request.user, found):
        raise PermissionDenied
    form = CloseForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.deployment_close(actor=request.user, deployment=found, **data),
        success="The deployment is closed.",
        redirect_to=_deployment_page(found),
    )
    if done is not None:
        return done
    return _page(request, "portability/close.jinja", d=found, form=form)


@any_admin
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    return _page(request, "portability/report.jinja", report=selectors.report_for(request.user))
