"""Outreach: campaigns with their QR codes, the public expression-of-interest form, a
candidate's link to their own status page, and shared recruitment events.

The public form never says whether a person was already known: a returning e-mail address or
phone number is merged into their record (blanks never overwrite), and the same thank-you page
follows either way.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from oneworkforce.core import audit, formatting
from oneworkforce.core.http import keyed_hash, secret_digest
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.partners.models import Organisation, User

from .. import common
from ..casework.services import Added, find_duplicate, merge_contact
from ..models import (
    Barrier,
    Campaign,
    CampaignResponse,
    Candidate,
    CandidateLink,
    EventPartner,
    EventRegistration,
    LawfulBasis,
    RecruitmentEvent,
)

PRIVACY_WORDING = "2026-1"
LINK_DAYS = 14
# Public forms: at most this many submissions per address (IP) per hour.
PUBLIC_LIMIT = 20
CAMPAIGN_FIELDS = ("name", "community", "venue", "channel", "starts_on", "ends_on", "welcome")


def site_url(path: str) -> str:
    return (getattr(settings, "SITE_URL", "") or "").rstrip("/") + path


# Campaigns -----------------------------------------------------------------------------------


@transaction.atomic
def campaign_save(
    *,
    actor: User,
    name: str,
    community: str,
    channel: str,
    starts_on: dt.date | None,
    venue: str = "",
    ends_on: dt.date | None = None,
    welcome: str = "",
    partners: list[Organisation] | None = None,
    campaign: Campaign | None = None,
) -> Campaign:
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError("Enter the campaign's name", field="name")
    if not (community or "").strip():
        raise ServiceError("Enter the community the campaign reaches", field="community")
    if starts_on is None:
        raise ServiceError("Enter the start date", field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise ServiceError("The end date must be on or after the start date", field="ends_on")
    before = audit.snapshot_stored(campaign, CAMPAIGN_FIELDS) if campaign else {}
    target = campaign or Campaign(created_by=actor)
    target.name, target.community, target.channel = name, community.strip(), channel
    target.venue, target.welcome = venue.strip(), welcome.strip()
    target.starts_on, target.ends_on = starts_on, ends_on
    if not target.slug:
        target.slug = unique_slug(Campaign, name, fallback="campaign")
    target.save()
    if partners is not None:
        target.partners.set(partners)
    audit.record(
        actor=actor,
        action="talent.campaign_saved",
        obj=target,
        changes=audit.diff(before, audit.snapshot(target, CAMPAIGN_FIELDS)),
    )
    return target


# The public form -----------------------------------------------------------------------------


def public_allowed(*, ip: str) -> bool:
    """Count one public submission from ``ip``; false once the hourly limit is reached."""
    key = f"talent-public:{keyed_hash('ip', ip)}"
    cache.add(key, 0, timeout=3600)
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        used = 1
    return used <= PUBLIC_LIMIT


@transaction.atomic
def candidate_register(
    *,
    campaign: Campaign | None,
    full_name: str,
    email: str | None,
    phone: str | None,
    postcode: str,
    interest_families: list[str],
    interest_areas: list[str],
    hours: str,
    previously_unemployed: bool,
    unemployed_months: int | None,
    barriers: list[str],
    consent: bool,
    special_consent: bool,
    link_builder: Any = None,
) -> Added:
    """A person filled in the public form (or an event's). Merged by e-mail or phone."""
    if not consent:
        raise ServiceError(
            "Tick the box to say you agree to us holding your details", field="consent"
        )
    if barriers and not special_consent:
        raise ServiceError(
            "Tick the box to agree to us holding what makes work harder for you, or untick "
            "those answers",
            field="special_consent",
        )
    name = " ".join((full_name or "").split())
    if not name:
        raise ServiceError("Enter your name", field="full_name")
    email = common.normalise_email(email)
    phone = common.normalise_phone(phone)
    if not email and not phone:
        raise ServiceError("Enter an e-mail address or a phone number", field="email")
    where = common.place(postcode)
    now = timezone.now()
    existing = find_duplicate(email=email, phone=phone)
    also_matches: Candidate | None = None
    if existing is not None and not existing.is_anonymised:
        candidate, merged = existing, True
        also_matches = merge_contact(candidate=candidate, email=email, phone=phone, actor=None)
    else:
        candidate, merged = (
            Candidate(
                email=email,
                phone=phone,
                lawful_basis=LawfulBasis.CONSENT,
                campaign=campaign,
                community=campaign.community if campaign else "",
                created_at=now,
            ),
            False,
        )
    candidate.full_name = name
    if where is not None:  # a returning person who gives no postcode keeps theirs
        common.set_home(candidate, where)
    candidate.interest_families = sorted(
        set(candidate.interest_families or []) | set(interest_families)
    )
    candidate.interest_areas = sorted(set(candidate.interest_areas or []) | set(interest_areas))
    if hours:
        candidate.hours = hours
    if previously_unemployed:
        candidate.previously_unemployed = True
        candidate.unemployed_months = unemployed_months
    candidate.consent_at, candidate.consent_wording = now, PRIVACY_WORDING
    if special_consent and barriers:
        candidate.special_category_consent_at = now
    candidate.last_activity_at = now
    candidate.in_pool = True if not merged else candidate.in_pool
    candidate.save()
    for kind in barriers:
        Barrier.objects.get_or_create(candidate=candidate, kind=kind)
    if campaign is not None:
        CampaignResponse.objects.create(campaign=campaign, candidate=candidate, at=now)
    audit.record(
        actor=None,
        action="talent.candidate_merged" if merged else "talent.candidate_registered",
        obj=candidate,
        label=f"Candidate {candidate.reference}",
        changes={"campaign": campaign.pk if campaign else None, "barriers_given": len(barriers)},
    )
    if candidate.email:
        status_link_send(candidate=candidate, link_builder=link_builder)
    return Added(candidate, merged=merged, also_matches=also_matches)


# Status links --------------------------------------------------------------------------------


def status_link_create(*, candidate: Candidate) -> str:
    token = secrets.token_urlsafe(32)
    CandidateLink.objects.create(
        candidate=candidate,
        token_hash=secret_digest(token),
        expires_at=timezone.now() + dt.timedelta(days=LINK_DAYS),
    )
    return token


def status_link_send(*, candidate: Candidate, link_builder: Any = None) -> None:
    token = status_link_create(candidate=candidate)
    link = site_url(reverse("talent:status", kwargs={"token": token}))
    if link_builder is not None:
        link_builder(link)
    send_mail(
        subject="Your link to see how things are going",
        message=(
            f"Hello {candidate.full_name},\n\n"
            "Thank you for telling us you are interested in working in health and care. "
            "This link shows where things stand and what happens next. It works for "
            f"{LINK_DAYS} days, and you can ask for a new one at any time:\n\n{link}\n\n"
            "From the same page you can download the details we hold about you, or ask us to "
            "delete them.\n"
        ),
        from_email=None,
        recipient_list=[candidate.email],
    )


def status_link_request(*, email: str, ip: str, link_builder: Any = None) -> None:
    """Send a fresh link if the address is known; the caller always says the same thing."""
    if not public_allowed(ip=ip):
        raise ServiceError("Too many requests from this connection. Try again in an hour.")
    address = common.normalise_email(email)
    candidate = Candidate.objects.current().filter(email=address).first() if address else None
    if candidate is not None:
        status_link_send(candidate=candidate, link_builder=link_builder)


def status_candidate(token: str) -> Candidate | None:
    link = (
        CandidateLink.objects.select_related("candidate")
        .filter(token_hash=secret_digest(token), expires_at__gt=timezone.now())
        .first()
    )
    if link is None or link.candidate.is_anonymised:
        return None
    return link.candidate


# Events --------------------------------------------------------------------------------------


@transaction.atomic
def event_save(
    *,
    actor: User,
    organiser: Organisation,
    title: str,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    venue: str,
    postcode: str = "",
    community: str = "",
    description: str = "",
    capacity: int | None = None,
    event: RecruitmentEvent | None = None,
) -> RecruitmentEvent:
    """Add an event, or change ``event``. The organising partner is signed up to be there."""
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Enter the event's title", field="title")
    if ends_at <= starts_at:
        raise ServiceError("The event must end after it starts", field="ends_at")
    if event is not None:
        event = RecruitmentEvent.objects.select_for_update().get(pk=event.pk)
        if event.cancelled_at is not None:
            raise ServiceError("A cancelled event cannot be changed", field="title")
        registered = event.registrations.count()
        if capacity is not None and capacity < registered:
            raise ServiceError(
                f"{registered} people have already registered: give at least {registered} places",
                field="capacity",
            )
    where = common.place(postcode)
    values = {
        "title": title,
        "kind": kind,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "venue": venue.strip(),
        "postcode": where.postcode if where else "",
        "community": community.strip(),
        "description": description.strip(),
        "capacity": capacity,
        "organiser": organiser,
    }
    if event is None:
        event = RecruitmentEvent.objects.create(
            slug=unique_slug(RecruitmentEvent, slugify(title), fallback="event"),
            created_by=actor,
            **values,
        )
        changes: dict[str, Any] = {}
        action = "talent.event_added"
    else:
        before = audit.snapshot(event, values)
        for name, value in values.items():
            setattr(event, name, value)
        event.save()
        changes = audit.diff(before, audit.snapshot(event, values))
        action = "talent.event_changed"
    EventPartner.objects.get_or_create(
        event=event, organisation=organiser, defaults={"signed_up_by": actor}
    )
    audit.record(actor=actor, action=action, obj=event, organisation=organiser, changes=changes)
    return event


@transaction.atomic
def event_cancel(*, actor: User, event: RecruitmentEvent, reason: str) -> int:
    """Cancel an event and tell everyone registered who gave an e-mail address. Returns how
    many were told."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ServiceError("Say why the event is cancelled", field="reason")
    event = RecruitmentEvent.objects.select_for_update().get(pk=event.pk)
    if event.cancelled_at is not None:
        raise ServiceError("This event has already been cancelled", field="reason")
    if event.ends_at < timezone.now():
        raise ServiceError("An event that has happened cannot be cancelled", field="reason")
    event.cancelled_at = timezone.now()
    event.cancel_reason = reason
    event.save(update_fields=["cancelled_at", "cancel_reason"])
    told = 0
    for registration in event.registrations.select_related("candidate"):
        candidate = registration.candidate
        if not candidate.email:
            continue
        send_mail(
            subject=f"Cancelled: {event.title}",
            message=(
                f"Hello {candidate.full_name},\n\n"
                f"{event.title} on {formatting.datetime(timezone.localtime(event.starts_at))} at "
                f"{event.venue} will not take "
                f"place: {reason}\n\n"
                "We are sorry. Other fairs and open days are listed at "
                f"{site_url(reverse('talent:events'))}\n"
            ),
            from_email=None,
            recipient_list=[candidate.email],
        )
        told += 1
    audit.record(
        actor=actor,
        action="talent.event_cancelled",
        obj=event,
        organisation=event.organiser,
        changes={"reason": reason, "told": told},
    )
    return told


@transaction.atomic
def attendance_record(
    *, actor: User, event: RecruitmentEvent, attended: dict[int, bool | None]
) -> int:
    """Record who came: ``{registration id: True (came), False (did not) or None (not
    known)}``. Only once the event has started. Returns how many changed."""
    if event.cancelled_at is not None:
        raise ServiceError("This event was cancelled", field=None)
    if event.starts_at > timezone.now():
        raise ServiceError("Record who came once the event has started", field=None)
    registrations = {r.pk: r for r in event.registrations.select_for_update()}
    unknown = set(attended) - set(registrations)
    if unknown:
        raise ServiceError("Someone in the list is not registered for this event", field=None)
    changed = [
        registrations[pk] for pk, came in attended.items() if registrations[pk].attended != came
    ]
    for registration in changed:
        registration.attended = attended[registration.pk]
    EventRegistration.objects.bulk_update(changed, ["attended"])
    if changed:
        audit.record(
            actor=actor,
            action="talent.event_attendance",
            obj=event,
            organisation=event.organiser,
            changes={"changed": len(changed)},
        )
    return len(changed)


@transaction.atomic
def event_partner_signup(
    *, actor: User, event: RecruitmentEvent, organisation: Organisation, work_on_offer: str = ""
) -> EventPartner:
    if event.cancelled_at is not None:
        raise ServiceError("This event has been cancelled", field="organisation")
    partner, created = EventPartner.objects.get_or_create(
        event=event,
        organisation=organisation,
        defaults={"work_on_offer": work_on_offer.strip(), "signed_up_by": actor},
    )
    if not created:
        raise ServiceError(f"{organisation.name} is already signed up", field="organisation")
    audit.record(
        actor=actor, action="talent.event_partner_signed_up", obj=event, organisation=organisation
    )
    return partner


@transaction.atomic
def event_register(
    *,
    event: RecruitmentEvent,
    full_name: str,
    email: str | None,
    phone: str | None,
    consent: bool,
) -> EventRegistration:
    """A person registers for an event from its public page: they join the candidates (or are
    matched to their earlier details) and take a place. A closed or full event writes
    nothing; registering twice keeps the one place."""
    event = RecruitmentEvent.objects.select_for_update().get(pk=event.pk)
    if event.cancelled_at is not None or event.ends_at < timezone.now():
        raise ServiceError("This event is not taking registrations", field="full_name")
    known = find_duplicate(email=common.normalise_email(email), phone=common.normalise_phone(phone))
    already = known is not None and event.registrations.filter(candidate=known).exists()
    full = event.capacity is not None and event.registrations.count() >= event.capacity
    if full and not already:
        raise ServiceError("This event is full", field="full_name")
    candidate = candidate_register(
        campaign=event.campaign,
        full_name=full_name,
        email=email,
        phone=phone,
        postcode="",
        interest_families=[],
        interest_areas=[],
        hours="",
        previously_unemployed=False,
        unemployed_months=None,
        barriers=[],
        consent=consent,
        special_consent=False,
    ).candidate
    registration, _ = EventRegistration.objects.get_or_create(event=event, candidate=candidate)
    return registration
