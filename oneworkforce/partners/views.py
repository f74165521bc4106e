"""Pages of the partnership: directory, partner and framework pages, accounts, admin pages.

Views are thin: permission → scoped fetch → form → one service call → render or redirect.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce import personal_data
from oneworkforce.core.http import client_ip, file_response, safe_next
from oneworkforce.core.permissions import (
    any_admin,
    partnership_admin,
    public,
    signed_in,
)
from oneworkforce.core.presenters import paginate, pagination, query_without_page
from oneworkforce.core.viewhelpers import apply_error, posted

from . import presenters, selectors, services
from .access import organisation_admin
from .choices import AffiliationStatus, Sector
from .forms import (
    AffiliationDecisionForm,
    AffiliationForm,
    AuditFilterForm,
    DirectoryFilterForm,
    FacultyForm,
    FrameworkForm,
    FrameworkSignForm,
    OrganisationForm,
    PasswordForm,
    PasswordSignInForm,
    ProfileForm,
    RoleGrantForm,
    SignInForm,
    SiteForm,
    WithdrawForm,
)
from .models import Affiliation, Faculty, Framework, Organisation, RoleGrant, Signatory

GET_POST = require_http_methods(["GET", "POST"])


def _page(
    request: HttpRequest, template: str, *, status: int = 200, **context: Any
) -> HttpResponse:
    return render(request, f"partners/{template}", context, status=status)


# Public pages ---------------------------------------------------------------------------------


@public
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


@public
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
        can_manage=request.user.is_authenticated and request.user.administers(organisation),
    )


@public
@require_GET
def frameworks(request: HttpRequest) -> HttpResponse:
    return _page(request, "frameworks.jinja", frameworks=selectors.frameworks_with_counts())


@public
@require_GET
def framework(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Framework, slug=slug)
    current, past = selectors.framework_signatories(item)
    user = request.user
    return _page(
        request,
        "framework.jinja",
        framework=item,
        current=current,
        current_rows=presenters.signatory_table_rows(current),
        past_rows=presenters.signatory_table_rows(past, withdrawn=True),
        can_sign=user.is_authenticated
        and (user.is_partnership_admin or bool(user.administered_organisation_ids)),
        withdrawable=[
            s for s in current if user.is_authenticated and user.administers(s.organisation)
        ],
    )


@public
@require_GET
def faculties(request: HttpRequest) -> HttpResponse:
    return _page(request, "faculties.jinja", faculties=Faculty.objects.filter(is_active=True))


# Signing in ----------------------------------------------------------------------------------


@public
@GET_POST
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect("partners:account")
    form = SignInForm(posted(request), initial={"next": request.GET.get("next", "")})
    if form.is_valid():
        next_url = safe_next(request, form.cleaned_data["next"], "")
        result = services.sign_in_link_request(
            email=form.cleaned_data["email"],
            ip=client_ip(request),
            next_url=next_url,
            link_builder=lambda token: request.build_absolute_uri(
                reverse("partners:sign_in_link", kwargs={"token": token})
            ),
        )
        if result.rate_limited:
            form.add_error(
                "email",
                "You have asked for several links in a short time. Wait an hour, then try again",
            )
        else:
            request.session["sign_in_email"] = form.cleaned_data["email"]
            return redirect("partners:sign_in_sent")
    return _page(request, "sign_in.jinja", form=form)


@public
@require_GET
def sign_in_sent(request: HttpRequest) -> HttpResponse:
    return _page(request, "sign_in_sent.jinja", email=request.session.get("sign_in_email", ""))


@public
@GET_POST
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        if request.method == "GET":
            services.sign_in_link_check(token=token)
            return _page(request, "sign_in_link.jinja", token=token)
        result = services.sign_in_link_redeem(token=token)
    except services.SignInLinkError as error:
        return _page(request, "sign_in_link_error.jinja", error=error, status=400)
    login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
    if result.created or not result.user.profile_complete:
        messages.success(request, "You are signed in. Tell us a little about yourself.")
        return redirect("partners:profile")
    return redirect(safe_next(request, result.next_url, reverse("partners:account")))


@public
@GET_POST
def sign_in_password(request: HttpRequest) -> HttpResponse:
    form = PasswordSignInForm(posted(request), initial={"next": request.GET.get("next", "")})
    if form.is_valid():
        email, ip = form.cleaned_data["email"].lower(), client_ip(request)
        if not services.password_sign_in_allowed(email=email, ip=ip):
            form.add_error(None, "Too many attempts. Sign in with an e-mail link instead")
        else:
            user = authenticate(request, username=email, password=form.cleaned_data["password"])
            if user is None:
                services.password_attempt_failed(email=email, ip=ip)
                form.add_error("password", "The e-mail address or password is not right")
            else:
                login(request, user)
                return redirect(
                    safe_next(request, form.cleaned_data["next"], reverse("partners:account"))
                )
    return _page(request, "sign_in_password.jinja", form=form)


@signed_in
@GET_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("partners:home")
    return _page(request, "sign_out.jinja")


# Your account --------------------------------------------------------------------------------


@signed_in
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    affiliations = user.affiliations.select_related("organisation").order_by("-requested_at")
    return _page(
        request,
        "account.jinja",
        affiliations=[(a, presenters.affiliation_tag(a.status)) for a in affiliations],
        grants=user.role_grants.active().select_related("organisation", "faculty"),
        administered=Organisation.objects.administered_by(user)
        if not user.is_partnership_admin
        else [],
    )


@signed_in
@GET_POST
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(posted(request), instance=request.user)
    if form.is_valid():
        services.user_profile_update(actor=request.user, user=request.user, data=form.cleaned_data)
        messages.success(request, "Your profile has been saved.")
        return redirect("partners:account")
    return _page(request, "profile.jinja", form=form)


@signed_in
@GET_POST
def password(request: HttpRequest) -> HttpResponse:
    form = PasswordForm(posted(request), user=request.user)
    if request.method == "POST" and request.POST.get("remove") == "yes":
        services.password_set(user=request.user, password=None)
        messages.success(request, "Your password has been removed. Sign in with e-mail links.")
        return redirect("partners:account")
    if form.is_valid():
        services.password_set(user=request.user, password=form.cleaned_data["password"])
        login(request, request.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your password has been set.")
        return redirect("partners:account")
    return _page(request, "password.jinja", form=form)


@signed_in
@GET_POST
def affiliation_add(request: HttpRequest) -> HttpResponse:
    form = AffiliationForm(posted(request))
    if form.is_valid():
        try:
            services.affiliation_request(user=request.user, **form.cleaned_data)
        except services.ServiceError as error:
            apply_error(form, error)
        else:
            name = form.cleaned_data["organisation"].name
            messages.success(request, f"We have asked {name} to confirm you work with them.")
            return redirect("partners:account")
    return _page(request, "affiliation_add.jinja", form=form)


@signed_in
@require_POST
def affiliation_end(request: HttpRequest, pk: int) -> HttpResponse:
    affiliation = get_object_or_404(request.user.affiliations.open(), pk=pk)
    services.affiliation_end(actor=request.user, affiliation=affiliation)
    messages.success(request, f"You are no longer linked to {affiliation.organisation.name}.")
    return redirect("partners:account")


@signed_in
@require_GET
def data_download(request: HttpRequest) -> HttpResponse:
    """Your data: a readable summary of everything held about you, and the whole of it as a
    JSON file to download. Only ever the signed-in person's own data."""
    data = selectors.personal_data_export(request.user)
    return _page(request, "your_data.jinja", sections=personal_data.summary(data))


@signed_in
@require_GET
def data_download_json(request: HttpRequest) -> HttpResponse:
    data = selectors.personal_data_export(request.user)
    user = request.user
    personal_data.download_record(actor=user, subject=user, what="everything (JSON)")
    body = json.dumps(data, indent=2, ensure_ascii=False).encode()
    return file_response(body, "application/json; charset=utf-8", "your-one-workforce-data.json")


@signed_in
@GET_POST
def account_delete(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        user = request.user
        logout(request)
        services.account_delete(actor=user, user=user)
        messages.success(
            request, "Your account and the information linked to it have been deleted."
        )
        return redirect("partners:home")
    return _page(request, "account_delete.jinja")


# Partner admins --------------------------------------------------------------------------------


@organisation_admin
@GET_POST
def edit(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = OrganisationForm(posted(request), instance=organisation)
    if not request.user.is_partnership_admin:
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
    return _page(request, "edit.jinja", form=form, organisation=organisation)


@organisation_admin
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


@organisation_admin
@require_POST
def site_remove(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    site = get_object_or_404(organisation.sites, pk=pk)
    services.site_remove(actor=request.user, site=site)
    messages.success(request, f"{site.name} has been removed.")
    return redirect(organisation)


@organisation_admin
@require_GET
def people(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _page(
        request,
        "people.jinja",
        organisation=organisation,
        groups=selectors.people_for_organisation(organisation),
    )


@organisation_admin
@GET_POST
def affiliation_decide(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    affiliation = get_object_or_404(
        Affiliation.objects.for_organisation(organisation).select_related("user"),
        pk=pk,
        status=AffiliationStatus.PENDING,
    )
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


@any_admin
@GET_POST
def framework_sign(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Framework, slug=slug)
    form = FrameworkSignForm(
        posted(request),
        organisations=Organisation.objects.administered_by(request.user).active(),
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


@any_admin
@GET_POST
def signatory_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    signatory = get_object_or_404(
        Signatory.objects.select_related("organisation", "framework"), pk=pk, framework__slug=slug
    )
    if not request.user.administers(signatory.organisation):
        raise PermissionDenied
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


@any_admin
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.administered_by(request.user).annotate_pending()
    return _page(request, "manage.jinja", organisations=organisations)


# Partnership admins ----------------------------------------------------------------------------


@partnership_admin
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


@partnership_admin
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


@partnership_admin
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(RoleGrant.objects.active(), pk=pk)
    try:
        services.role_revoke(actor=request.user, grant=grant)
    except services.ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The role has been removed.")
    return redirect("partners:roles")


@partnership_admin
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


@partnership_admin
@GET_POST
def faculty_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    faculty = get_object_or_404(Faculty, slug=slug) if slug else None
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


@partnership_admin
@GET_POST
def framework_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    item = get_object_or_404(Framework, slug=slug) if slug else None
    initial = {name: getattr(item, name) for name in services.FRAMEWORK_FIELDS} if item else None
    form = FrameworkForm(posted(request), initial=initial)
    if form.is_valid():
        saved = services.framework_save(actor=request.user, framework=item, data=form.cleaned_data)
        messages.success(request, f"{saved.name} has been saved.")
        return redirect(saved)
    return _page(request, "framework_edit.jinja", form=form, framework=item)


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The partnership's front page."""
    return render(request, "partners/home.jinja", selectors.home_figures())
