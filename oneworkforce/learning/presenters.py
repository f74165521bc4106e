"""Turn learning records into what the NHS.UK templates and feeds show. No database access
beyond the objects handed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from oneworkforce.core.formatting import percent
from oneworkforce.core.charts import bar_chart

from .compliance import RoleCompliance, Standing
from .models import Booking, BookingState, Completion, CompletionState, Opportunity, Session
from .selectors import Figures

STATE_TAGS = {
    BookingState.BOOKED: "green",
    BookingState.PENDING_APPROVAL: "yellow",
    BookingState.WAITLISTED: "orange",
    BookingState.OFFERED: "blue",
    BookingState.CANCELLED: "grey",
    BookingState.OFFER_LAPSED: "grey",
    BookingState.NOT_APPROVED: "red",
    BookingState.SESSION_CANCELLED: "red",
}
STANDING_TAGS = {
    "met": ("Up to date", "green"),
    "expiring": ("Expires soon", "yellow"),
    "expired": ("Expired", "red"),
    "missing": ("Not done", "grey"),
}


def when(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local:%a %-d %b %Y, %H:%M}"


def cost(opportunity: Opportunity) -> str:
    return "Free" if opportunity.is_free else f"£{opportunity.cost_pence / 100:,.2f}"


def duration(opportunity: Opportunity) -> str:
    minutes = opportunity.duration_minutes
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    text = f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{text} {rest} minutes" if rest else text


def session_row(session: Session) -> dict[str, Any]:
    return {
        "id": session.pk,
        "when": when(session.starts_at),
        "until": when(session.ends_at),
        "schedule": session.schedule,
        "where": session.where,
        "places_left": session.places_left,
        "capacity": session.capacity,
        "full": session.places_left == 0,
        "cancelled": session.cancelled_at is not None,
    }


def booking_row(booking: Booking, position: int | None = None) -> dict[str, Any]:
    session = booking.session
    text = booking.get_state_display()
    if booking.state == BookingState.WAITLISTED and position:
        text = f"Waiting list: number {position}"
    return {
        "id": booking.pk,
        "title": session.opportunity.title,
        "slug": session.opportunity.slug,
        "provider": session.opportunity.organisation.name,
        "when": when(session.starts_at),
        "where": session.where,
        "state": booking.state,
        "tag": {"text": text, "classes": f"nhsuk-tag--{STATE_TAGS.get(booking.state, 'grey')}"},
        "offer_until": when(booking.offer_expires_at) if booking.offer_expires_at else "",
        "is_offer": booking.state == BookingState.OFFERED,
        "can_cancel": booking.state
        in (
            BookingState.BOOKED,
            BookingState.PENDING_APPROVAL,
            BookingState.WAITLISTED,
        )
        and session.starts_at > timezone.now(),
        "calendar": booking.state == BookingState.BOOKED,
        "attendance": booking.get_attendance_display() if booking.attendance else "",
    }


def standing_rows(result: RoleCompliance) -> list[dict[str, Any]]:
    rows = []
    for standing in result.standings:
        text, colour = STANDING_TAGS[standing.state]
        rows.append(
            {
                "requirement": str(result.requirements[standing.requirement_id]),
                "code": result.requirements[standing.requirement_id].code,
                "tag": {"text": text, "classes": f"nhsuk-tag--{colour}"},
                "state": standing.state,
                "expires": _expires(standing),
                "from": standing.evidence.issuer_name if standing.evidence else "",
                "needs_action": standing.state != "met",
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


def dashboard(rows: Sequence[Figures]) -> dict[str, Any]:
    """Charts and the same figures as a table."""

    def pct(value: float | None) -> str:
        return "No data" if value is None else percent(value)

    table = [
        [
            f.label,
            f"{f.booked:,} of {f.places:,}",
            pct(f.fill_rate),
            f"{f.waiting:,}",
            f"{f.interest:,}",
            pct(f.no_show_rate),
            pct(f.other_share),
            pct(f.together_share),
        ]
        for f in rows
    ]
    charted = [f for f in rows if f.places]
    return {
        "table": table,
        "fill_chart": bar_chart(
            [(f.label, (f.fill_rate or 0) * 100, pct(f.fill_rate)) for f in charted]
        )
        if charted
        else None,
        "together_chart": bar_chart(
            [(f.label, (f.other_share or 0) * 100, pct(f.other_share)) for f in rows if f.learners]
        )
        if any(f.learners for f in rows)
        else None,
    }


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
