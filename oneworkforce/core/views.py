"""Site-wide pages: health check, accessibility, privacy, cookies, error pages."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from oneworkforce import __version__

from . import home as home_tasks
from .permissions import public, signed_in
from .presenters import home_rows


@public
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "error", "database": "unavailable", "version": __version__}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "version": __version__})


def _static_page(template: str):  # type: ignore[no-untyped-def]
    @public
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template)

    return view


accessibility = _static_page("core/accessibility.jinja")
privacy = _static_page("core/privacy.jinja")
cookies = _static_page("core/cookies.jinja")


def _error(request: HttpRequest, status: int, heading: str, body: str) -> HttpResponse:
    return render(request, "core/error.jinja", {"heading": heading, "body": body}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        400,
        "Sorry, there is a problem with that request",
        "Check the address or the form and try again.",
    )


def bad_address(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        400,
        "Sorry, there is a problem with that address",
        "The web address has a character in it that cannot be used. If you pasted it, check you "
        "copied the address and nothing else.",
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        "You do not have access to this page",
        "This page is for people with a particular role at a partner organisation. "
        "If you think you should have access, ask your partner admin.",
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        "Page not found",
        "If you typed the web address, check it is correct. If you pasted it, check you copied "
        "the entire address.",
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        "Sorry, there is a problem with the service",
        "Try again later. If the problem carries on, contact the partnership team.",
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        "Your form could not be sent",
        "This can happen if the page was open for a long time or cookies are turned off. "
        "Go back, reload the page and try again.",
    )


@signed_in
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Where sign-in lands: what is waiting on this person, from every capability."""
    today = timezone.localdate()
    return render(
        request,
        "core/home.jinja",
        {"rows": home_rows(home_tasks.tasks_for(request.user, today), today)},
    )
