"""Content-Security-Policy with a per-request nonce (Django 5.2 has no built-in CSP)."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from oneworkforce.core.views import bad_address


def build_policy(policy: dict[str, list[str]], nonce: str) -> str:
    parts = []
    for directive, sources in policy.items():
        values = [f"'nonce-{nonce}'" if source == "'nonce'" else source for source in sources]
        parts.append(" ".join([directive, *values]))
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = build_policy(
                settings.CONTENT_SECURITY_POLICY, nonce
            )
        return response


class RefuseNulInAddress:
    """Answer a page request whose address (path or query) holds the NUL character with a plain
    400, before any view reads it: PostgreSQL cannot hold NUL in text, so a lookup with it
    would be a server error, and no real address needs it. The API is left to its own
    validation, which names the field in a documented 422."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/") and (
            "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", "").lower()
        ):
            return bad_address(request)
        return self.get_response(request)
