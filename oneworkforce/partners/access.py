"""Who may do what with the partnership's own records. Views, services and the API use these."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from oneworkforce.core.permissions import View

from .models import Organisation


def organisation_admin(view: View) -> View:
    """For views under ``/partners/<slug>/``: the view receives the organisation, and only its
    partner admins or a partnership admin get in."""

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
