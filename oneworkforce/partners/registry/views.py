"""Pages of the partnership's register: the front page, the directory, partner pages and
their sites, frameworks and signatures, faculties, and adding a partner."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.presenters import paginate, pagination, query_without_page
from oneworkforce.core.viewhelpers import apply_error, posted

from .. import access
from ..choices import Sector
from ..models import Organisation
from . import presenters, selectors, services
from .forms import (
    DirectoryFilterForm,
    FacultyForm,
    FrameworkForm,
    FrameworkSignForm,
    OrganisationForm,
    SiteForm,
    WithdrawForm,
)

GET_POST = require_http_methods(["GET", "POST"])


def _page(
    request: HttpRequest, template: str, *, status: int = 200, **context: Any
) -> HttpResponse:
    return render(request, f"partners/registry/{template}", context, status=status)


@access.public
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    counts = selectors.sector_counts()
    form.fields["sector"].choices = [
        (value, f"{label} ({counts.get(value, 0)})") for value, label in Sector.choices
    ]
    data = form.cleaned_data if form.is_valid() else {}
    results = selectors.directory(
        q=data.get("q", ""), sectors=data.get("sector", []), place=data.get("place")
    )
    page = paginate(request, results, per_page=20)
    return _page(
        request,
        "directory.jinja",
        form=form,
        page=page,
        pagination=pagination(page, query_without_page(request)),
        searched=bool(request.GET),
    )


@access.public
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organisation = selectors.organisation_with_details(slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return _page(
        request,
        "detail.jinja",
        organisation=organisation,
        rows=presenters.organisation_rows(organisation),
        site_rows=presenters.site_table_rows(organisation.sites.all()),
        can_manage=access.can_administer(request.user, organisation),
    )


@access.public
@require_GET
def frameworks(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "frameworks.jinja",
        frameworks=selectors.frameworks_with_counts(),
        can_add=access.is_partnership_admin(request.user),
    )


@access.public
@require_GET
def framework(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.framework_for(slug=slug)
    current, past = selectors.framework_signatories(item)
    user = request.user
    return _page(
        request,
        "framework.jinja",
        framework=item,
        current=current,
        current_rows=presenters.signatory_table_rows(current),
        past_rows=presenters.signatory_table_rows(past, withdrawn=True),
        can_sign=access.is_any_admin(user),
        can_edit=access.is_partnership_admin(user),
        withdrawable=[s for s in current if access.can_administer(user, s.organisation)],
    )


@access.public
@require_GET
def faculties(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "faculties.jinja",
        faculties=selectors.active_faculties(),
        can_edit=access.is_partnership_admin(request.user),
    )


@access.organisation_admin
@GET_POST
def edit(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = OrganisationForm(posted(request), instance=organisation)
    decides_identity = access.is_partnership_admin(request.user)
    if not decides_identity:
        # Partner admins describe their organisation; the partnership decides what it is.
        for name in ("name", "sector", "ods_code"):
            form.fields[name].disabled = True
    if form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, data=form.cleaned_data
            )
        except services.ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The partner page has been updated.")
            return redirect(organisation)
    return _page(
        request,
        "edit.jinja",
        form=form,
        organisation=organisation,
        decides_identity=decides_identity,
    )


@access.organisation_admin
@GET_POST
def site_add(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = SiteForm(posted(request))
    if form.is_valid():
        try:
            services.site_add(actor=request.user, organisation=organisation, **form.cleaned_data)
        except services.ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['name']} has been added.")
            return redirect(organisation)
    return _page(request, "site_add.jinja", form=form, organisation=organisation)


@access.organisation_admin
@require_POST
def site_remove(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    site = selectors.site_for(organisation=organisation, pk=pk)
    services.site_remove(actor=request.user, site=site)
    messages.success(request, f"{site.name} has been removed.")
    return redirect(organisation)


@access.any_admin
@GET_POST
def framework_sign(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.framework_for(slug=slug)
    form = FrameworkSignForm(
        posted(request), organisations=selectors.organisations_that_may_sign(request.user)
    )
    if form.is_valid():
        try:
            services.framework_sign(actor=request.user, framework=item, **form.cleaned_data)
        except services.ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, f"{form.cleaned_data['organisation'].name} has signed {item.name}."
            )
            return redirect(item)
    return _page(request, "framework_sign.jinja", form=form, framework=item)


@access.any_admin
@GET_POST
def signatory_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    signatory = selectors.signatory_for(user=request.user, slug=slug, pk=pk)
    form = WithdrawForm(posted(request))
    if form.is_valid():
        try:
            services.signatory_withdraw(
                actor=request.user, signatory=signatory, **form.cleaned_data
            )
        except services.ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, f"{signatory.organisation.name}'s signature has been withdrawn."
            )
            return redirect(signatory.framework)
    return _page(request, "signatory_withdraw.jinja", form=form, signatory=signatory)


@access.partnership_admin
@GET_POST
def organisation_add(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(posted(request))
    if form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, data=form.cleaned_data)
        except services.ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"{organisation.name} has been added.")
            return redirect(organisation)
    return _page(request, "organisation_add.jinja", form=form)


@access.partnership_admin
@GET_POST
def faculty_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    faculty = selectors.faculty_for(slug=slug) if slug else None
    form = FacultyForm(posted(request), instance=faculty)
    if form.is_valid():
        try:
            services.faculty_save(actor=request.user, faculty=faculty, data=form.cleaned_data)
        except services.ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The faculty has been saved.")
            return redirect("partners:faculties")
    return _page(request, "faculty_edit.jinja", form=form, faculty=faculty)


@access.partnership_admin
@GET_POST
def framework_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    item = selectors.framework_for(slug=slug) if slug else None
    initial = {name: getattr(item, name) for name in services.FRAMEWORK_FIELDS} if item else None
    form = FrameworkForm(posted(request), initial=initial)
    if form.is_valid():
        saved = services.framework_save(actor=request.user, framework=item, data=form.cleaned_data)
        messages.success(request, f"{saved.name} has been saved.")
        return redirect(saved)
    return _page(request, "framework_edit.jinja", form=form, framework=item)
