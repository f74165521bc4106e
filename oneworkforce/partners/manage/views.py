"""The management pages: the partners a person looks after, their people and the requests
to decide, the roles the partnership gives, and the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.presenters import paginate, pagination, query_without_page
from oneworkforce.core.viewhelpers import apply_error, posted

from .. import access
from ..models import Organisation
from . import presenters, selectors, services
from .forms import AffiliationDecisionForm, AuditFilterForm, RoleGrantForm

GET_POST = require_http_methods(["GET", "POST"])


def _page(
    request: HttpRequest, template: str, *, status: int = 200, **context: Any
) -> HttpResponse:
    return render(request, f"partners/manage/{template}", context, status=status)


@access.any_admin
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    organisations = selectors.administered_with_pending(request.user)
    return _page(
        request,
        "manage.jinja",
        organisations=organisations,
        runs_partnership=access.is_partnership_admin(request.user),
    )


@access.organisation_admin
@require_GET
def people(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _page(
        request,
        "people.jinja",
        organisation=organisation,
        groups=selectors.people_for_organisation(organisation),
    )


@access.organisation_admin
@GET_POST
def affiliation_decide(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    affiliation = selectors.pending_affiliation_for(organisation=organisation, pk=pk)
    form = AffiliationDecisionForm(posted(request))
    if form.is_valid():
        confirm = form.cleaned_data["decision"] == "confirm"
        services.affiliation_decide(
            actor=request.user,
            affiliation=affiliation,
            confirm=confirm,
            note=form.cleaned_data["note"],
        )
        person = affiliation.user.display_name
        messages.success(
            request, f"{person} is confirmed." if confirm else f"{person} has not been confirmed."
        )
        return redirect("partners:people", slug=organisation.slug)
    return _page(
        request,
        "affiliation_decide.jinja",
        form=form,
        organisation=organisation,
        affiliation=affiliation,
    )


@access.partnership_admin
@GET_POST
def roles(request: HttpRequest) -> HttpResponse:
    form = RoleGrantForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.role_grant(actor=request.user, user=data.pop("email"), **data)
        except services.ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The role has been given.")
            return redirect("partners:roles")
    return _page(request, "roles.jinja", form=form, grants=selectors.active_role_grants())


@access.partnership_admin
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    grant = selectors.active_grant_for(pk=pk)
    try:
        services.role_revoke(actor=request.user, grant=grant)
    except services.ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The role has been removed.")
    return redirect("partners:roles")


@access.partnership_admin
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    events = (
        selectors.audit_events(**form.cleaned_data) if form.is_valid() else selectors.audit_events()
    )
    page = paginate(request, events, per_page=50)
    return _page(
        request,
        "audit.jinja",
        form=form,
        page=page,
        rows=[(e, presenters.audit_changes(e.changes)) for e in page],
        pagination=pagination(page, query_without_page(request)),
    )
