"""What catalogue pages and feeds show. No database access beyond the objects handed in."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from ..bookings.presenters import session_row
from ..models import Kind, Opportunity, Session, Status


def cost(opportunity: Opportunity) -> str:
    return "Free" if opportunity.is_free else f"£{opportunity.cost_pence / 100:,.2f}"


def duration(opportunity: Opportunity, sessions: Sequence[Session] = ()) -> str:
    """How long it takes. A dated listing (other than a course, whose figure is the total) is as
    long as its dates: their own start and end win over the listing's figure, so the two never
    disagree; one-day dates only, a date running over several days says nothing."""
    if opportunity.is_dated and opportunity.kind != Kind.COURSE:
        lengths = sorted(
            {
                int((s.ends_at - s.starts_at).total_seconds() // 60)
                for s in sessions
                if timezone.localdate(s.starts_at) == timezone.localdate(s.ends_at)
            }
        )
        if len(lengths) == 1:
            return _minutes(lengths[0])
        if lengths:
            return f"{_minutes(lengths[0])} to {_minutes(lengths[-1])}, depending on the date"
    return _minutes(opportunity.duration_minutes)


def _minutes(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    text = f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{text} {rest} minutes" if rest else text


def distance(distance_sq: float | None) -> str:
    """``2.4 km away`` from a squared distance in square kilometres; "" when not measured."""
    if distance_sq is None:
        return ""
    km = math.sqrt(max(0.0, distance_sq))
    if km < 0.1:
        return "Less than 0.1 km away"
    return f"{km:.1f} km away" if km < 10 else f"{km:.0f} km away"


def card(
    opportunity: Opportunity, session: Session | None, distance_sq: float | None = None
) -> dict[str, Any]:
    """A search result: the listing and its next date (its nearest near a postcode), with the
    distance to that date's place when measured."""
    return {
        "distance": distance(distance_sq),
        "title": opportunity.title,
        "href": reverse("learning:opportunity", args=[opportunity.slug]),
        "provider": opportunity.organisation.name,
        "kind": opportunity.get_kind_display(),
        "summary": opportunity.summary,
        "cost": cost(opportunity),
        "duration": duration(opportunity, [session] if session else []),
        "next": session_row(session) if session else None,
    }


def listing_actions(opportunity: Opportunity) -> dict[str, bool]:
    """What a provider may do with its listing now, and whether its page is a preview."""
    published = opportunity.status == Status.PUBLISHED
    return {
        "is_preview": not published,
        "can_add_date": opportunity.is_dated and opportunity.status != Status.WITHDRAWN,
        "can_publish": not published,
        "can_withdraw": published,
    }


def applied_filters(
    pairs: Sequence[tuple[str, str]], labels: Mapping[str, tuple[str, Mapping[str, str]]]
) -> list[dict[str, str]]:
    """One removable item per filter in a query string: ``{"text", "href"}`` where ``href`` is
    the same search without that value (and the first page). ``labels`` maps a parameter to its
    label and the display text of its values (a value missing there is shown as given).
    Parameters not in ``labels`` (the page, the sort) are kept but not listed."""
    kept = [(k, v) for k, v in pairs if k != "page" and v != ""]
    items = []
    for index, (name, value) in enumerate(kept):
        if name not in labels or (name == "within" and not any(k == "postcode" for k, _ in kept)):
            continue
        label, texts = labels[name]
        others = [pair for i, pair in enumerate(kept) if i != index]
        if name == "postcode":  # the distance means nothing without the postcode
            others = [pair for pair in others if pair[0] != "within"]
        shown = texts.get(value, value)
        items.append(
            {
                "text": f"{label}: {shown}" if label else shown,
                "href": "?" + urlencode(others) if others else "?",
            }
        )
    return items
