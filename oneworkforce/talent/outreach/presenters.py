"""What the outreach pages and files show: a campaign's QR code and the recruitment events
as an iCalendar file."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.urls import reverse

from oneworkforce.core import calendars

from .services import site_url


def qr_svg(text: str, *, scale: int = 8) -> str:
    """A QR code for ``text`` as an SVG document (dark on light, with its quiet zone)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(
        buffer, kind="svg", scale=scale, xmldecl=False, title="QR code", dark="#212b32"
    )
    return buffer.getvalue().decode()


def events_calendar(events: Any, *, name: str) -> bytes:
    """Recruitment events as an iCalendar file, each with who organises it, who will be there
    and where to register."""
    entries = []
    for event in events:
        url = site_url(reverse("talent:event", kwargs={"slug": event.slug}))
        details = [f"{event.get_kind_display()} organised by {event.organiser.name}."]
        partners = [p.organisation.name for p in event.partners.all()]
        if partners:
            details.append("Partners there: " + ", ".join(partners) + ".")
        if event.description:
            details += ["", event.description]
        if event.cancelled_at is not None:
            details += ["", f"Cancelled: {event.cancel_reason}"]
        details += ["", f"Details and registration: {url}"]
        entries.append(
            calendars.event(
                uid=f"talent-event-{event.pk}",
                starts=event.starts_at,
                ends=event.ends_at,
                summary=event.title,
                description="\n".join(details),
                location=", ".join(part for part in (event.venue, event.postcode) if part),
                url=url,
                cancelled=event.cancelled_at is not None,
            )
        )
    return calendars.calendar_file(entries, name=name, part="Recruitment events")
