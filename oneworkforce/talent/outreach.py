"""Outreach: campaigns with their QR codes, the public expression-of-interest form, a
candidate's link to their own status page, and shared recruitment events.

The public form never says whether a person was already known: a returning e-mail address or
phone number is merged into their record (blanks never overwrite), and the same thank-you page
follows either way.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from oneworkforce.core import audit
from oneworkforce.core.http import keyed_hash, secret_digest
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.partners.models import Organisation, User

from . import common
from .casework import find_duplicate
from .models import (
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


def qr_svg(text: str, *, scale: int = 8) -> str:
    """A QR code for ``text`` as an SVG document (dark on light, with its quiet zone)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(
        buffer, kind="svg", scale=scale, xmldecl=False, title="QR code", dark="#212b32"
    )
    return buffer.getvalue().decode()


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


@dataclass(frozen=True)
class Registration:
    candidate: Candidate
    merged: bool


@transaction.atomic
def candidate_register(
    *,
    campaign: Campaign | None,
    full_name: str,
    email: str | None,
    phone: str | None,
    postcode: str,
    interest_roles: list[str],
    interest_areas: list[str],
    hours: str,
    previously_unemployed: bool,
    unemployed_months: int | None,
    barriers: list[str],
    consent: bool,
    special_consent: bool,
    link_builder: Any = None,
) -> Registration:
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
    if existing is not None and not existing.is_anonymised:
        candidate, merged = existing, True
        other = find_duplicate(email=email, phone=phone, exclude=existing.pk)
        candidate.email = candidate.email or (email if other is None else candidate.email)
        candidate.phone = candidate.phone or (phone if other is None else candidate.phone)
        if other is not None:
            audit.record(
                actor=None,
                action="talent.possible_duplicate",
                obj=candidate,
                label=f"Candidate {candidate.reference}",
                changes={"also_matches": other.reference},
            )
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
    if where is not None:
        candidate.postcode, candidate.outward_code = where.postcode, where.outward_code
        candidate.deprivation_decile = where.deprivation_decile
    candidate.interest_roles = sorted(set(candidate.interest_roles or []) | set(interest_roles))
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
    return Registration(candidate, merged)


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


def upcoming_events(now: dt.datetime) -> Any:
    return (
        RecruitmentEvent.objects.filter(ends_at__gte=now, cancelled_at__isnull=True)
        .select_related("organiser")
        .prefetch_related("partners__organisation")
    )


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
) -> RecruitmentEvent:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Enter the event's title", field="title")
    if ends_at <= starts_at:
        raise ServiceError("The event must end after it starts", field="ends_at")
    where = common.place(postcode)
    event = RecruitmentEvent.objects.create(
        title=title,
        slug=unique_slug(RecruitmentEvent, slugify(title), fallback="event"),
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue.strip(),
        postcode=where.postcode if where else "",
        community=community.strip(),
        description=description.strip(),
        capacity=capacity,
        organiser=organiser,
        created_by=actor,
    )
    EventPartner.objects.create(event=event, organisation=organiser, signed_up_by=actor)
    audit.record(actor=actor, action="talent.event_added", obj=event, organisation=organiser)
    return event


@transaction.atomic
def event_partner_signup(
    *, actor: User, event: RecruitmentEvent, organisation: Organisation, roles_on_offer: str = ""
) -> EventPartner:
    if event.cancelled_at is not None:
        raise ServiceError("This event has been cancelled", field="organisation")
    partner, created = EventPartner.objects.get_or_create(
        event=event,
        organisation=organisation,
        defaults={"roles_on_offer": roles_on_offer.strip(), "signed_up_by": actor},
    )
    if not created:
        raise ServiceError(f"{organisation.name} is already signed up", field="organisation")
    audit.record(
        actor=actor, action="talent.event_partner_signed_up", obj=event, organisation=organisation
    )
    return partner


@transaction.atomic
def event_register(*, event: RecruitmentEvent, candidate: Candidate) -> EventRegistration:
    event = RecruitmentEvent.objects.select_for_update().get(pk=event.pk)
    if event.cancelled_at is not None or event.ends_at < timezone.now():
        raise ServiceError("This event is not taking registrations", field="full_name")
    existing = EventRegistration.objects.filter(event=event, candidate=candidate).first()
    if existing is not None:
        return existing
    if event.capacity is not None and event.registrations.count() >= event.capacity:
        raise ServiceError("This event is full", field="full_name")
    return EventRegistration.objects.create(event=event, candidate=candidate)
