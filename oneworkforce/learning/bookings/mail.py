"""E-mails to learners, in plain words, with the session attached as a calendar file."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.models import Notice

from ..models import Booking, Session
from .calendar import calendar_file


def _when(session: Session) -> str:
    start = timezone.localtime(session.starts_at)
    return f"{start:%A %-d %B %Y} at {start:%H:%M}"


def _my_learning() -> str:
    return settings.SITE_URL + reverse("learning:my")


def send(
    *, to: str, subject: str, lines: list[str], session: Session | None = None, cancelled=False
) -> None:
    body = "\n".join([*lines, "", f"See all your learning: {_my_learning()}", ""])
    message = EmailMessage(subject=subject, body=body, to=[to])
    if session is not None:
        ics = calendar_file([session], name=session.opportunity.title, cancelled=cancelled)
        message.attach("session.ics", ics, "text/calendar")
    message.send()


def send_once(*, key: str, booking_or_learner: object, subject: str, lines: list[str]) -> bool:
    """Send a reminder at most once per ``key``; returns whether it was sent now."""
    learner = getattr(booking_or_learner, "learner", booking_or_learner)
    created = Notice.first_time(key=key, recipient=learner, subject=subject)
    if created:
        session = getattr(booking_or_learner, "session", None)
        send(to=learner.email, subject=subject, lines=lines, session=session)
    return created


def booking_changed(booking: Booking) -> None:
    """Tell the learner where their booking now stands."""
    session = booking.session
    title = session.opportunity.title
    when = _when(session)
    state = booking.state
    if state == "booked":
        send(
            to=booking.learner.email,
            subject=f"You are booked on {title}",
            lines=[f"You have a place on {title} on {when}, {session.where}."],
            session=session,
        )
    elif state == "pending_approval":
        send(
            to=booking.learner.email,
            subject=f"Your request for {title}",
            lines=[
                f"{session.opportunity.organisation.name} approves places on {title}. "
                "We are holding a place for you and will e-mail you when they decide."
            ],
        )
    elif state == "waitlisted":
        send(
            to=booking.learner.email,
            subject=f"You are on the waiting list for {title}",
            lines=[
                f"{title} on {when} is full, so you are on the waiting list. "
                "If a place comes free you will be offered it in turn, first come first served."
            ],
        )
    elif state == "offered" and booking.offer_expires_at is not None:
        until = timezone.localtime(booking.offer_expires_at)
        send(
            to=booking.learner.email,
            subject=f"A place is free on {title}",
            lines=[
                f"A place has come free on {title} on {when}.",
                f"It is held for you until {until:%A %-d %B at %H:%M}. Accept it on your "
                "learning page; after that it passes to the next person waiting.",
            ],
        )
    elif state in ("cancelled", "session_cancelled", "not_approved", "offer_lapsed"):
        reason = {
            "cancelled": "Your booking has been cancelled.",
            "session_cancelled": f"{session.opportunity.organisation.name} has cancelled this "
            "session or withdrawn the opportunity. We are sorry.",
            "not_approved": "The provider could not approve your place this time.",
            "offer_lapsed": "The place we offered you was not accepted in time, so it has "
            "passed to the next person waiting.",
        }[state]
        send(
            to=booking.learner.email,
            subject=f"{title} on {when}",
            lines=[reason],
            session=session if state in ("cancelled", "session_cancelled") else None,
            cancelled=True,
        )
