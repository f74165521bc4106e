"""Access rules for views. Every view uses one of these, and the authorization-matrix test
checks each URL pattern against its allow-list."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def public(view: View) -> View:
    """Marks a view as deliberately open to anonymous visitors."""
    view.access = "public"  # type: ignore[attr-defined]
    return view


def requires(predicate: Callable[[Any], bool], access: str) -> Callable[[View], View]:
    """A decorator: anonymous visitors are sent to sign in; signed-in people for whom
    ``predicate(user)`` is false get 403. ``access`` names the rule for reviewers."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.access = access  # type: ignore[attr-defined]
        return wrapper

    return decorator


def is_partnership_admin(user: Any) -> bool:
    """Partnership admins decide what each partner is and run the partnership's settings."""
    return bool(user.is_authenticated and user.is_partnership_admin)


def is_any_admin(user: Any) -> bool:
    """A partnership admin, or a partner admin of at least one partner."""
    return bool(
        user.is_authenticated
        and (user.is_partnership_admin or bool(user.administered_organisation_ids))
    )


signed_in = requires(lambda user: True, "signed_in")
partnership_admin = requires(is_partnership_admin, "partnership_admin")
any_admin = requires(is_any_admin, "any_admin")
