"""Access rules for views. Every view uses one of these, and the authorization-matrix test
checks each URL pattern against its allow-list."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

View = Callable[..., HttpResponse]


def public(view: View) -> View:
    """Marks a view as deliberately open to anonymous visitors."""
    view.access = "public"  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.access = "signed_in"  # type: ignore[attr-defined]
    return wrapper


def partnership_admin(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_partnership_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.access = "partnership_admin"  # type: ignore[attr-defined]
    return wrapper


def any_admin(view: View) -> View:
    """Partnership admins and partner admins of at least one organisation."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_partnership_admin or user.administered_organisation_ids):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.access = "any_admin"  # type: ignore[attr-defined]
    return wrapper


def organisation_admin(view: View) -> View:
    """For views under ``/partners/<slug>/``: the view receives the organisation, and only its
    partner admins or a partnership admin get in."""
    from oneworkforce.partners.models import Organisation

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = get_object_or_404(Organisation, slug=slug)
        if not request.user.administers(organisation):
            raise PermissionDenied
        return view(request, organisation, *args, **kwargs)

    wrapper.access = "organisation_admin"  # type: ignore[attr-defined]
    return wrapper
