"""Reads for the outreach pages: campaigns and recruitment events by their address (404 when
there is none, as the pages always have)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from .. import access
from ..models import Campaign, RecruitmentEvent

if TYPE_CHECKING:
    from oneworkforce.partners.models import User


def campaign_for(user: User, *, slug: str) -> Campaign:
    """A campaign this person may see."""
    return get_object_or_404(access.campaigns_for(user), slug=slug)


def campaign(*, slug: str) -> Campaign:
    return get_object_or_404(Campaign, slug=slug)


def campaign_by_code(code: str) -> Campaign:
    """The campaign a poster's short code names (as typed: any case, at most 12 characters)."""
    return get_object_or_404(Campaign, code=code.upper()[:12])


def event(*, slug: str) -> RecruitmentEvent:
    return get_object_or_404(RecruitmentEvent, slug=slug)


def event_with_organiser(*, slug: str) -> RecruitmentEvent:
    return get_object_or_404(RecruitmentEvent.objects.select_related("organiser"), slug=slug)


def event_with_partners(*, slug: str) -> RecruitmentEvent:
    """An event with its organiser and the partners signed up, for its calendar entry."""
    return get_object_or_404(
        RecruitmentEvent.objects.select_related("organiser").prefetch_related(
            "partners__organisation"
        ),
        slug=slug,
    )
