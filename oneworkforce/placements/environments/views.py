"""Learning environments: the partnership's list, one environment, adding one, its audits,
supervisors and offers of places."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.http import csv_response
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import posted, submitted
from oneworkforce.partners.models import Organisation

from .. import access
from ..allocation import services as allocation_services
from ..models import LearningEnvironment, Supervisor
from . import csvfile, presenters, selectors, services
from .forms import (
    AuditForm,
    EnvironmentForm,
    EnvironmentsFileForm,
    OfferForm,
    PreparationRecordForm,
    SupervisorForm,
)

GET_POST = require_http_methods(["GET", "POST"])


@access.signed_in
@require_GET
def environments(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    found = list(selectors.environments())
    return render(
        request,
        "placements/environments/environments.jinja",
        {
            "environment_rows": [presenters.environment_row(e, today) for e in found],
            "can_import": access.is_coordinator(request.user),
        },
    )


@access.signed_in
@require_GET
def environment(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.environment_or_404(pk)
    page = selectors.environment_page(found)
    return render(
        request,
        "placements/environments/environment.jinja",
        presenters.environment_view(
            page,
            timezone.localdate(),
            scores=selectors.evaluation_scores(page),
            can_manage=access.can_manage_environment(request.user, page),
        ),
    )


@access.organisation_admin
@GET_POST
def environment_add(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = EnvironmentForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.environment_add(
            actor=request.user, organisation=organisation, **data
        ),
        success=lambda made: f"{made.name} has been added.",
        redirect_to=lambda made: made_url(made),
    )
    return done or render(
        request,
        "placements/environments/environment_form.jinja",
        {"form": form, "organisation": organisation},
    )


def made_url(environment: LearningEnvironment) -> str:
    return reverse("placements:environment", kwargs={"pk": environment.pk})


@access.environment_admin
@GET_POST
def audit_add(request: HttpRequest, environment: LearningEnvironment) -> HttpResponse:
    form = AuditForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.audit_record(actor=request.user, environment=environment, **data),
        success="The audit has been recorded.",
        redirect_to=made_url(environment),
    )
    return done or render(
        request,
        "placements/environments/audit_form.jinja",
        {"form": form, "environment": environment},
    )


@access.environment_admin
@GET_POST
def supervisor_add(request: HttpRequest, environment: LearningEnvironment) -> HttpResponse:
    form = SupervisorForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.supervisor_add(
            actor=request.user, environment=environment, today=timezone.localdate(), **data
        ),
        success=lambda made: f"{made.name} has been added.",
        redirect_to=made_url(environment),
    )
    return done or render(
        request,
        "placements/environments/supervisor_form.jinja",
        {"form": form, "environment": environment},
    )


@access.supervisor_admin
@GET_POST
def supervisor_preparation(request: HttpRequest, supervisor: Supervisor) -> HttpResponse:
    """Take a supervisor's preparation from their learning record."""
    records = selectors.preparation_records(supervisor)
    organisation = supervisor.environment.organisation
    valid_until = {r.pk: selectors.record_valid_until(r, organisation) for r in records}
    form = PreparationRecordForm(
        posted(request),
        choices=presenters.preparation_choices(records, valid_until),
        initial={"learning_record": supervisor.learning_record_id},
    )
    done = submitted(
        request,
        form,
        lambda data: services.supervisor_preparation_link(
            actor=request.user, supervisor=supervisor, **data
        ),
        success=lambda made: f"{made.name}'s preparation now comes from their learning record.",
        redirect_to=made_url(supervisor.environment),
    )
    page = "preparation_form" if records else "preparation_none"
    return done or render(
        request,
        f"placements/environments/{page}.jinja",
        {"form": form, "supervisor": supervisor},
    )


@access.environment_admin
@GET_POST
def offer_add(request: HttpRequest, environment: LearningEnvironment) -> HttpResponse:
    form = OfferForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: allocation_services.offer_make(
            actor=request.user, environment=environment, **data
        ),
        success="Your offer of places has been recorded.",
        redirect_to=made_url(environment),
    )
    return done or render(
        request,
        "placements/environments/offer_form.jinja",
        {"form": form, "environment": environment},
    )


def _import_page(
    request: HttpRequest, organisation: Organisation | None, back: str
) -> HttpResponse:
    """Upload a CSV file of environments: every bad line is listed under the form and nothing
    is written; a good file adds them all."""
    form = EnvironmentsFileForm(posted(request), request.FILES or None)
    problems: list[str] = []

    def add(data: dict[str, Any]) -> list[LearningEnvironment]:
        try:
            return services.environments_import(
                actor=request.user, data=data["file"].read(), organisation=organisation
            )
        except csvfile.EnvironmentsFileError as error:
            problems.extend(error.problems)
            raise ServiceError(
                f"The file has {len(error.problems)} problem(s), listed below;"
                " nothing was added. Correct them and upload it again.",
                field="file",
            ) from error

    done = submitted(
        request,
        form,
        add,
        success=lambda made: f"{len(made)} learning environment(s) added from the file.",
        redirect_to=back,
    )
    return done or render(
        request,
        "placements/environments/import_form.jinja",
        {
            "form": form,
            "problems": problems,
            "organisation": organisation,
            "columns": csvfile.COLUMNS,
            "back_href": back,
        },
    )


@access.coordinator
@GET_POST
def environments_import(request: HttpRequest) -> HttpResponse:
    return _import_page(request, None, reverse("placements:environments"))


@access.organisation_admin
@GET_POST
def partner_environments_import(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _import_page(
        request, organisation, reverse("placements:partner", kwargs={"slug": organisation.slug})
    )


@access.signed_in
@require_GET
def environments_template(request: HttpRequest) -> HttpResponse:
    return csv_response("learning-environments.csv", list(csvfile.COLUMNS), [csvfile.EXAMPLE])
