"""What catalogue pages and feeds show. No database access beyond the objects handed in."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ..bookings.presenters import session_row
from ..models import Opportunity, Session, Status


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


def card(opportunity: Opportunity, session: Session | None) -> dict[str, Any]:
    """A search result: the listing and its next date."""
    return {
        "title": opportunity.title,
        "href": reverse("learning:opportunity", args=[opportunity.slug]),
        "provider": opportunity.organisation.name,
        "kind": opportunity.get_kind_display(),
        "summary": opportunity.summary,
        "cost": cost(opportunity),
        "duration": duration(opportunity),
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
