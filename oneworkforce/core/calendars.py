"""iCalendar (RFC 5545) files, for every app that lets people put its events in their own
calendars: an e-mail attachment, a single event to add, or a feed to subscribe to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar
from django.conf import settings


def event(
    *,
    uid: str,
    starts: dt.datetime,
    ends: dt.datetime,
    summary: str,
    description: str,
    location: str,
    url: str,
    cancelled: bool = False,
) -> icalendar.Event:
    """One event, times in UTC. The ``uid`` stays the same for the life of the event, so a
    calendar replaces its copy when the event changes or is cancelled."""
    found = icalendar.Event()
    found.add("uid", f"{uid}@oneworkforce")
    found.add("dtstamp", dt.datetime.now(dt.UTC))
    found.add("dtstart", starts.astimezone(dt.UTC))
    found.add("dtend", ends.astimezone(dt.UTC))
    found.add("summary", summary)
    found.add("description", description)
    if location:
        found.add("location", location)
    found.add("url", url)
    found.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return found


def calendar_file(
    events: Iterable[icalendar.Event], *, name: str, part: str, method: str = "PUBLISH"
) -> bytes:
    """A calendar of ``events``; ``part`` names the part of the service in its product id."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.SERVICE_NAME}//{part}//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    for each in events:
        calendar.add_component(each)
    return bytes(calendar.to_ical())
