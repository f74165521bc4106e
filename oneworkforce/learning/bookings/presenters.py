"""What booking pages, e-mails and the dashboards show. No database access beyond the objects
handed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from oneworkforce.core.charts import bar_chart
from oneworkforce.core.formatting import percent

from ..models import Booking, BookingState, Session
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


def when(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local:%a %-d %b %Y, %H:%M}"


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
        "cancel_label": "Leave the waiting list"
        if booking.state == BookingState.WAITLISTED
        else "Cancel booking",
        "calendar": booking.state == BookingState.BOOKED,
        "attendance": booking.get_attendance_display() if booking.attendance else "",
    }


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


def booked_message(booking: Booking) -> str:
    """What the learner is told once they have asked for a place."""
    title = booking.session.opportunity.title
    return {
        BookingState.BOOKED: f"You are booked on {title}. We have e-mailed you the details.",
        BookingState.PENDING_APPROVAL: f"Your place on {title} is held while the provider "
        "approves it.",
        BookingState.WAITLISTED: f"{title} is full, so you are on the waiting list. We will "
        "e-mail you if a place comes free.",
    }.get(booking.state, "Your booking has been updated.")


def session_people(bookings: Iterable[Booking]) -> dict[str, list[Any]]:
    """A session's people for its provider: booked, waiting for approval, and waiting (with
    whether each has been offered a place)."""
    everyone = list(bookings)
    return {
        "booked": [b for b in everyone if b.state == BookingState.BOOKED],
        "pending": [b for b in everyone if b.state == BookingState.PENDING_APPROVAL],
        "waiting": [
            {"booking": b, "is_offer": b.state == BookingState.OFFERED}
            for b in everyone
            if b.state in (BookingState.WAITLISTED, BookingState.OFFERED)
        ],
    }
