"""What learning-record pages, downloads and the certificate check show. No database access
beyond the objects handed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..bookings.presenters import when
from ..models import Booking, Completion, CompletionState
from .compliance import JobRoleCompliance, Standing

STANDING_TAGS = {
    "met": ("Up to date", "green"),
    "expiring": ("Expires soon", "yellow"),
    "expired": ("Expired", "red"),
    "missing": ("Not done", "grey"),
    "booked": ("Booked", "blue"),
}


def standing_rows(result: JobRoleCompliance) -> list[dict[str, Any]]:
    rows = []
    for standing in result.standings:
        text, colour = STANDING_TAGS[standing.shown]
        rows.append(
            {
                "requirement": str(result.requirements[standing.requirement_id]),
                "code": result.requirements[standing.requirement_id].code,
                "tag": {"text": text, "classes": f"nhsuk-tag--{colour}"},
                "state": standing.shown,
                "expires": _expires(standing),
                "from": standing.evidence.issuer_name if standing.evidence else "",
                "needs_action": standing.shown not in ("met", "booked"),
            }
        )
    return rows


def _expires(standing: Standing) -> str:
    if standing.evidence is None:
        return ""
    if standing.expires_on is None:
        return "Does not expire"
    return f"{standing.expires_on:%-d %b %Y}"


def completion_status(completion: Completion, valid_until: dt.date | None, today: dt.date) -> str:
    """What the public verification page says: valid, expired or revoked."""
    if completion.state == CompletionState.REVOKED:
        return "revoked"
    if completion.state != CompletionState.VERIFIED:
        return "not_verified"
    if valid_until is not None and valid_until <= today:
        return "expired"
    return "valid"


CERTIFICATE_HEADINGS = {
    "valid": "This certificate is valid",
    "expired": "This certificate has expired",
    "revoked": "This certificate has been revoked",
    "not_verified": "This certificate has not been verified",
}


def certificate_page(status: str) -> dict[str, object]:
    """The public check page's heading, and whether it says why the provider revoked it."""
    return {"heading": CERTIFICATE_HEADINGS[status], "shows_revocation": status == "revoked"}


def record_rows(
    bookings: Iterable[Booking], completions: Iterable[Completion]
) -> tuple[list[list[str]], list[list[str]]]:
    """The learning record as two tables (bookings, completions) for CSV and PDF."""
    booking_rows = [["Learning", "Provider", "Date", "Where", "Status", "Attendance"]]
    for b in bookings:
        booking_rows.append(
            [
                b.session.opportunity.title,
                b.session.opportunity.organisation.name,
                when(b.session.starts_at),
                b.session.where,
                b.get_state_display(),
                b.get_attendance_display() if b.attendance else "",
            ]
        )
    completion_rows = [["Learning", "Provider", "Completed", "Status", "Covers", "Certificate"]]
    for c in completions:
        completion_rows.append(
            [
                c.opportunity.title,
                c.issuer.name,
                f"{c.completed_on:%-d %b %Y}",
                c.get_state_display(),
                "; ".join(str(r) for r in c.requirements.all()),
                c.certificate_code if c.state == CompletionState.VERIFIED else "",
            ]
        )
    return booking_rows, completion_rows


def completion_rows(completions: Iterable[Completion]) -> list[dict[str, Any]]:
    """Completions with what may be done with each: a verified one has a certificate to
    download, and its provider may revoke it."""
    rows = []
    for completion in completions:
        verified = completion.state == CompletionState.VERIFIED
        rows.append({"completion": completion, "has_certificate": verified, "can_revoke": verified})
    return rows
