"""What a vacancy's board shows: a column per step in pipeline order, each application with
what is due, and the interview e-mail with its calendar file (no database access)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from oneworkforce.core import calendars, formatting

from ..pipeline.states import LABELS, PATH, State

BOOKABLE = frozenset({State.PUT_FORWARD.value, State.INTERVIEW.value})


def due_text(due_on: dt.date | None, today: dt.date) -> str:
    """ "Due today", "Due in 3 days", "Overdue by 1 day"; empty when nothing is due."""
    if due_on is None:
        return ""
    days = (due_on - today).days
    if days == 0:
        return "Due today"
    if days > 0:
        return f"Due in {formatting.count(days, 'day')}"
    return f"Overdue by {formatting.count(-days, 'day')}"


def when(starts_at: dt.datetime) -> str:
    return formatting.datetime(timezone.localtime(starts_at))


def columns(applications: list[Any], today: dt.date, *, order: tuple[State, ...]) -> list[dict]:
    """One column per step that has applications, in pipeline order (the forward path first,
    then the ways an application ends), each with its count in words."""
    by_state: dict[str, list[dict[str, Any]]] = {}
    for application in applications:
        upcoming = [
            i
            for i in application.interviews.all()
            if not i.outcome and i.starts_at >= timezone.now()
        ]
        by_state.setdefault(application.state, []).append(
            {
                "application": application,
                "due": due_text(application.due_on, today),
                "overdue": application.due_on is not None and application.due_on < today,
                "interview": when(upcoming[0].starts_at) if upcoming else "",
                "can_book": application.state in BOOKABLE and not upcoming,
            }
        )
    found = []
    for state in order:
        items = by_state.get(state.value, [])
        if items or state in PATH:
            found.append(
                {
                    "label": LABELS[state],
                    "count": formatting.count(len(items), "application"),
                    "items": items,
                }
            )
    return found


def invitation(interview: Any, *, candidate_name: str, site_url: str) -> dict[str, Any]:
    """The e-mail telling a candidate about their interview, with the calendar file."""
    vacancy = interview.application.vacancy
    where = interview.place or "Online"
    lines = [
        f"Dear {candidate_name},",
        "",
        f"You are invited to an interview for {vacancy.title} at {vacancy.organisation.name}.",
        "",
        f"When: {when(interview.starts_at)} ({interview.minutes} minutes)",
        f"Where: {where}",
    ]
    if interview.link:
        lines.append(f"Join online: {interview.link}")
    lines += [
        "",
        "The calendar file attached adds it to your calendar.",
        "If you cannot come, or need anything to make the interview accessible to you, reply "
        "to this e-mail or call your talent coordinator.",
    ]
    ics = calendars.calendar_file(
        [
            calendars.event(
                uid=f"talent-interview-{interview.pk}",
                starts=interview.starts_at,
                ends=interview.ends_at,
                summary=f"Interview: {vacancy.title}, {vacancy.organisation.name}",
                description="\n".join(lines),
                location=", ".join(p for p in (interview.place, interview.link) if p),
                url=site_url,
            )
        ],
        name=f"Interview for {vacancy.title}",
        part="Talent hub",
    )
    return {
        "subject": f"Interview for {vacancy.title} on {when(interview.starts_at)}",
        "body": "\n".join(lines) + "\n",
        "ics": ics,
    }
