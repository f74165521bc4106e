"""iCalendar (RFC 5545) files: one booking's session as an e-mail attachment, and a search's
sessions as a feed partners can subscribe to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.urls import reverse

from .models import Session


def _event(session: Session, *, cancelled: bool = False) -> icalendar.Event:
    opportunity = session.opportunity
    event = icalendar.Event()
    event.add("uid", f"session-{session.pk}@oneworkforce")
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("dtstart", session.starts_at.astimezone(dt.UTC))
    event.add("dtend", session.ends_at.astimezone(dt.UTC))
    event.add("summary", opportunity.title)
    url = settings.SITE_URL + reverse("learning:opportunity", args=[opportunity.slug])
    details = [opportunity.summary, "", f"Run by {opportunity.organisation.name}."]
    if session.schedule:
        details.append(f"Dates: {session.schedule}")
    details.append(f"Details and booking: {url}")
    event.add("description", "\n".join(details))
    event.add("location", session.where)
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_file(
    sessions: Iterable[Session], *, name: str, cancelled: bool = False, method: str = "PUBLISH"
) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.SERVICE_NAME}//Learning//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else method)
    calendar.add("x-wr-calname", name)
    for session in sessions:
        calendar.add_component(_event(session, cancelled=cancelled))
    return bytes(calendar.to_ical())
