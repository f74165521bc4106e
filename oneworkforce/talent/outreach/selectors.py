"""Reads for the outreach pages: campaigns and recruitment events by their address (404 when
there is none, as the pages always have), and the events listed, recently held and in the
calendar feed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from .. import access
from ..models import Campaign, RecruitmentEvent, Vacancy

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


def upcoming_events(now: dt.datetime) -> Any:
    return (
        RecruitmentEvent.objects.filter(ends_at__gte=now, cancelled_at__isnull=True)
        .select_related("organiser")
        .prefetch_related("partners__organisation")
    )


RECENT_DAYS = 60  # how far back the events page lists finished events for recruiters


def recent_events(now: dt.datetime) -> Any:
    """Events that ended in the last 60 days, newest first, with how many registered and, once
    attendance is recorded, how many came: where coordinators go to record who came."""
    return (
        RecruitmentEvent.objects.filter(
            ends_at__lt=now, ends_at__gte=now - dt.timedelta(days=RECENT_DAYS)
        )
        .select_related("organiser")
        .annotate(
            registered=Count("registrations"),
            recorded=Count("registrations", filter=Q(registrations__attended__isnull=False)),
            came=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("-starts_at", "-pk")
    )


CALENDAR_PAST_DAYS = 30  # how long a past or cancelled event stays in the calendar feed


def calendar_events(now: dt.datetime) -> Any:
    """The events in the calendar feed: every one not yet over, and those of the last 30 days,
    cancelled ones included, so a subscribed calendar learns of a cancellation."""
    return (
        RecruitmentEvent.objects.filter(ends_at__gte=now - dt.timedelta(days=CALENDAR_PAST_DAYS))
        .select_related("organiser")
        .prefetch_related("partners__organisation")
    )


EVENT_JOBS = 10


def event_jobs(event: RecruitmentEvent, today: dt.date) -> list[Vacancy]:
    """Open vacancies of the partners at ``event`` (the organiser and those signed up), newest
    first, for its page: applying from there counts the application as the event's."""
    partners = {event.organiser_id, *event.partners.values_list("organisation_id", flat=True)}
    return list(
        Vacancy.objects.open_on(today)
        .filter(organisation_id__in=partners)
        .select_related("organisation")
        .order_by("-created_at", "-pk")[:EVENT_JOBS]
    )
