"""Pages of a person's account: signing in and out, the account, profile and password, the
organisations they work with, their data and deleting the account."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce import personal_data
from oneworkforce.core.http import client_ip, file_response, safe_next
from oneworkforce.core.viewhelpers import apply_error, posted

from .. import access
from . import presenters, selectors, services
from .forms import (
    AffiliationForm,
    DigestForm,
    PasswordForm,
    PasswordSignInForm,
    ProfileForm,
    SignInForm,
)

GET_POST = require_http_methods(["GET", "POST"])


def _page(
    request: HttpRequest, template: str, *, status: int = 200, **context: Any
) -> HttpResponse:
    return render(request, f"partners/accounts/{template}", context, status=status)


@access.public
@GET_POST
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect("core:home")
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


@access.public
@require_GET
def sign_in_sent(request: HttpRequest) -> HttpResponse:
    return _page(request, "sign_in_sent.jinja", email=request.session.get("sign_in_email", ""))


@access.public
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
    return redirect(safe_next(request, result.next_url, reverse("core:home")))


@access.public
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
                return redirect(safe_next(request, form.cleaned_data["next"], reverse("core:home")))
    return _page(request, "sign_in_password.jinja", form=form)


@access.signed_in
@GET_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("careers:home")
    return _page(request, "sign_out.jinja")


@access.signed_in
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    overview = selectors.account_overview(request.user)
    return _page(
        request,
        "account.jinja",
        affiliations=[(a, presenters.affiliation_tag(a.status)) for a in overview["affiliations"]],
        grants=overview["grants"],
        show_manage_link=bool(overview["grants"]) and overview["administers_a_partner"],
    )


@access.signed_in
@GET_POST
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(posted(request), instance=request.user)
    if form.is_valid():
        services.user_profile_update(actor=request.user, user=request.user, data=form.cleaned_data)
        messages.success(request, "Your profile has been saved.")
        return redirect("partners:account")
    return _page(request, "profile.jinja", form=form)


@access.signed_in
@GET_POST
def digest(request: HttpRequest) -> HttpResponse:
    initial = {"weekly_digest": "yes" if request.user.weekly_digest else "no"}
    form = DigestForm(posted(request), initial=initial)
    if form.is_valid():
        on = form.cleaned_data["weekly_digest"]
        services.user_digest_set(actor=request.user, user=request.user, on=on)
        messages.success(
            request,
            "You will get the weekly e-mail." if on else "You will not get the weekly e-mail.",
        )
        return redirect("partners:account")
    return _page(request, "digest.jinja", form=form)


@access.signed_in
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


@access.signed_in
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


@access.signed_in
@require_POST
def affiliation_end(request: HttpRequest, pk: int) -> HttpResponse:
    affiliation = selectors.open_affiliation_for(user=request.user, pk=pk)
    services.affiliation_end(actor=request.user, affiliation=affiliation)
    messages.success(request, f"You are no longer linked to {affiliation.organisation.name}.")
    return redirect("partners:account")


@access.signed_in
@require_GET
def data_download(request: HttpRequest) -> HttpResponse:
    """Your data: a readable summary of everything held about you, and the whole of it as a
    JSON file to download. Only ever the signed-in person's own data."""
    data = selectors.personal_data_export(request.user)
    return _page(request, "your_data.jinja", sections=personal_data.summary(data))


@access.signed_in
@require_GET
def data_download_json(request: HttpRequest) -> HttpResponse:
    data = selectors.personal_data_export(request.user)
    user = request.user
    personal_data.download_record(actor=user, subject=user, what="everything (JSON)")
    body = json.dumps(data, indent=2, ensure_ascii=False).encode()
    return file_response(body, "application/json; charset=utf-8", "your-one-workforce-data.json")


@access.signed_in
@GET_POST
def account_delete(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        user = request.user
        logout(request)
        services.account_delete(actor=user, user=user)
        messages.success(
            request, "Your account and the information linked to it have been deleted."
        )
        return redirect("careers:home")
    return _page(request, "account_delete.jinja")
