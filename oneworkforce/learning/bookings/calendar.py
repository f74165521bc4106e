"""iCalendar files of learning sessions: one booking's session as an e-mail attachment, and a
search's sessions as a feed partners can subscribe to."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.urls import reverse

from oneworkforce.core import calendars

from ..models import Session


def _event(session: Session, *, cancelled: bool = False) -> icalendar.Event:
    opportunity = session.opportunity
    url = settings.SITE_URL + reverse("learning:opportunity", args=[opportunity.slug])
    details = [opportunity.summary, "", f"Run by {opportunity.organisation.name}."]
    if session.schedule:
        details.append(f"Dates: {session.schedule}")
    details.append(f"Details and booking: {url}")
    return calendars.event(
        uid=f"session-{session.pk}",
        starts=session.starts_at,
        ends=session.ends_at,
        summary=opportunity.title,
        description="\n".join(details),
        location=session.where,
        url=url,
        cancelled=cancelled,
    )


def calendar_file(
    sessions: Iterable[Session], *, name: str, cancelled: bool = False, method: str = "PUBLISH"
) -> bytes:
    return calendars.calendar_file(
        (_event(session, cancelled=cancelled) for session in sessions),
        name=name,
        part="Learning",
        method="CANCEL" if cancelled else method,
    )
