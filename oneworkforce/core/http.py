"""Request helpers."""

from __future__ import annotations

import csv
import hashlib
import hmac
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from .spreadsheet import safe_cell


def client_ip(request: HttpRequest) -> str:
    """The caller's address, trusting only as many X-Forwarded-For hops as configured."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return str(request.META.get("REMOTE_ADDR", ""))


def keyed_hash(purpose: str, value: str) -> str:
    """A keyed hash, so rate-limit records hold no raw e-mail address or IP address."""
    key = f"{purpose}:{settings.SECRET_KEY}".encode()
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()


def secret_digest(secret: str) -> str:
    """What is stored of a secret sent by e-mail or given to a partner's system (sign-in links,
    status links, API keys): its SHA-256, so the table alone opens nothing."""
    return hashlib.sha256(secret.encode()).hexdigest()


def safe_next(request: HttpRequest, candidate: str | None, default: str) -> str:
    """``candidate`` when it is a local path, otherwise ``default`` (no open redirects)."""
    if not candidate or not candidate.startswith("/") or candidate.startswith("//"):
        return default
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def file_response(
    body: bytes, content_type: str, filename: str, *, attachment: bool = True
) -> HttpResponse:
    """A file to save (``attachment``) or to open in place, under ``filename``."""
    response = HttpResponse(body, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A CSV download. Cells that a spreadsheet would run as a formula are prefixed with an
    apostrophe, so an exported name such as ``=HYPERLINK(...)`` stays text."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return response
