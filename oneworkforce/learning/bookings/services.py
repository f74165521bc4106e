"""Booking workflows: sessions, booking, waiting lists, offers, approval, interest and attendance.
Each runs in one transaction and writes the audit log; each refusal is a :class:`ServiceError`
with a message a learner or provider can act on, and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import AffiliationStatus, Organisation, User

from ..models import (
    Attendance,
    Booking,
    BookingState,
    Completion,
    CompletionSource,
    CompletionState,
    Interest,
    Opportunity,
    Session,
    Status,
    model_fields,
)
from ..records.services import completion_create
from . import mail
from .places import session_place

SESSION_FIELDS = model_fields(Session, "booked_count", "latitude", "longitude")

# Where people who are not affiliated with a partner say they work, as a sector.
_WORK_AREA_SECTOR = {
    "hospital": Sector.NHS_ACUTE,
    "community": Sector.NHS_COMMUNITY,
    "mental_health": Sector.NHS_MENTAL_HEALTH,
    "ambulance": Sector.NHS_AMBULANCE,
    "primary_care": Sector.GP_PRACTICE,
    "social_care": Sector.ADULT_SOCIAL_CARE,
    "council": Sector.LOCAL_AUTHORITY,
    "voluntary": Sector.VCSE,
    "education": Sector.EDUCATION,
    "commissioning": Sector.ICB,
}


def learner_origin(user: User) -> tuple[Organisation | None, str]:
    """The partner a learner works for (their first confirmed affiliation) and its sector."""
    affiliation = (
        user.affiliations.filter(status=AffiliationStatus.CONFIRMED)
        .select_related("organisation")
        .order_by("requested_at", "id")
        .first()
    )
    if affiliation is not None:
        return affiliation.organisation, affiliation.organisation.sector
    return None, _WORK_AREA_SECTOR.get(user.work_area, "")


def session_bookings_cancel(*, session: Session, now: dt.datetime) -> int:
    """End every active booking on ``session`` and cancel it, telling each person; returns how
    many were told. For workflows that cancel a session: call inside their transaction."""
    bookings = list(session.bookings.active().select_related("learner", "session__opportunity"))
    for booking in bookings:
        booking.state = BookingState.SESSION_CANCELLED
        booking.ended_at = now
        booking.save(update_fields=["state", "ended_at"])
        transaction.on_commit(lambda b=booking: mail.booking_changed(b))
    session.cancelled_at = now
    session.booked_count = 0
    session.save(update_fields=["cancelled_at", "booked_count"])
    return len(bookings)


@transaction.atomic
def session_save(
    *, actor: User, opportunity: Opportunity, session: Session | None = None, **fields: Any
) -> Session:
    if not opportunity.is_dated:
        raise ServiceError(
            f"{opportunity.get_kind_display()} listings are taken at any time and have no sessions."
        )
    if fields["ends_at"] <= fields["starts_at"]:
        raise ServiceError("The end must be after the start.", field="ends_at")
    if session is None:
        session = Session(opportunity=opportunity)
        action, before = "learning.session_added", {}
    else:
        session = Session.objects.select_for_update().get(pk=session.pk)
        action, before = "learning.session_changed", audit.snapshot(session, SESSION_FIELDS)
        if fields["capacity"] < session.booked_count:
            raise ServiceError(
                f"{session.booked_count} people already hold places: the capacity cannot be "
                "less than that.",
                field="capacity",
            )
    site = fields.get("site")
    if site is not None and site.organisation_id != opportunity.organisation_id:
        raise ServiceError("Choose one of your own sites.", field="site")
    for name, value in fields.items():
        setattr(session, name, value)
    session_place(session)
    session.save()
    audit.record(
        actor=actor,
        action=action,
        obj=session,
        changes=audit.diff(before, audit.snapshot(session, SESSION_FIELDS)),
        organisation=opportunity.organisation,
    )
    if before:
        _offer_free_places(session, timezone.now())
    return session


@transaction.atomic
def session_cancel(*, actor: User, session: Session) -> int:
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.cancelled_at is not None:
        raise ServiceError("This session has already been cancelled.")
    told = session_bookings_cancel(session=session, now=timezone.now())
    audit.record(
        actor=actor,
        action="learning.session_cancelled",
        obj=session,
        changes={"learners_told": told},
        organisation=session.opportunity.organisation,
    )
    return told


def _locked_session(session_id: int) -> Session:
    # PostgreSQL: a row lock; SQLite: the IMMEDIATE transaction already holds the write lock.
    return Session.objects.select_for_update().select_related("opportunity").get(pk=session_id)


def _check_bookable(session: Session, now: dt.datetime) -> None:
    if session.opportunity.status != Status.PUBLISHED:
        raise ServiceError("This learning has been withdrawn, so it cannot be booked.")
    if session.cancelled_at is not None:
        raise ServiceError("This session has been cancelled, so it cannot be booked.")
    if session.starts_at <= now:
        raise ServiceError("This session has already started, so it cannot be booked.")


def _log(actor: User | None, action: str, booking: Booking, **changes: Any) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=booking,
        changes={"state": booking.state, **changes},
        organisation=booking.session.opportunity.organisation,
    )


@transaction.atomic
def booking_create(*, actor: User, session_id: int) -> Booking:
    """Book a place, or join the waiting list when the session is full. Capacity is checked
    under a lock, so concurrent requests can never overbook."""
    try:
        session = _locked_session(session_id)
    except Session.DoesNotExist:
        raise ServiceError("There is no such session.") from None
    # Read the clock once the lock is held: places and waiting-list positions go in the order
    # requests are served, and the timestamps agree with that order.
    now = timezone.now()
    _check_bookable(session, now)
    existing = session.bookings.active().filter(learner=actor).first()
    if existing is not None:
        raise ServiceError(
            f"You already have this session in your learning ({existing.get_state_display()})."
        )
    organisation, sector = learner_origin(actor)
    booking = Booking(
        session=session,
        learner=actor,
        learner_organisation=organisation,
        learner_sector=sector,
        created_at=now,
    )
    if session.booked_count < session.capacity:
        needs_approval = session.opportunity.needs_approval
        booking.state = BookingState.PENDING_APPROVAL if needs_approval else BookingState.BOOKED
        Session.objects.filter(pk=session.pk).update(booked_count=F("booked_count") + 1)
    else:
        booking.state = BookingState.WAITLISTED
        booking.waitlisted_at = now
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        raise ServiceError("You already have this session in your learning.") from None
    _log(actor, "learning.booked", booking)
    transaction.on_commit(lambda: mail.booking_changed(booking))
    return booking


def _release(booking: Booking, state: str, now: dt.datetime) -> bool:
    """End an active booking; returns whether it held a place."""
    held = booking.holds_place
    booking.state = state
    booking.ended_at = now
    booking.save(update_fields=["state", "ended_at"])
    if held:
        Session.objects.filter(pk=booking.session_id).update(booked_count=F("booked_count") - 1)
    return held


def _offer_free_places(session: Session, now: dt.datetime) -> list[Booking]:
    """Offer each free place to the longest-waiting person, for the listing's hold time (never
    past the session's start). Call with the session locked."""
    session.refresh_from_db(fields=["booked_count", "capacity", "cancelled_at", "starts_at"])
    if session.cancelled_at is not None or session.starts_at <= now:
        return []
    free = session.capacity - session.booked_count
    if free <= 0:
        return []
    hold = dt.timedelta(hours=session.opportunity.hold_hours)
    waiting = list(
        session.bookings.filter(state=BookingState.WAITLISTED)
        .select_related("learner")
        .order_by("waitlisted_at", "id")[:free]
    )
    for booking in waiting:
        booking.state = BookingState.OFFERED
        booking.offered_at = now
        booking.offer_expires_at = min(now + hold, session.starts_at)
        booking.save(update_fields=["state", "offered_at", "offer_expires_at"])
        _log(None, "learning.place_offered", booking, expires=booking.offer_expires_at.isoformat())
        transaction.on_commit(lambda b=booking: mail.booking_changed(b))
    if waiting:
        Session.objects.filter(pk=session.pk).update(booked_count=F("booked_count") + len(waiting))
    return waiting


def _own_active_booking(actor: User, booking_id: int) -> Booking:
    booking = (
        Booking.objects.select_related("session__opportunity__organisation")
        .filter(pk=booking_id, learner=actor)
        .first()
    )
    if booking is None:
        raise ServiceError("There is no such booking in your learning.")
    return booking


@transaction.atomic
def booking_cancel(*, actor: User, booking_id: int) -> Booking:
    booking = _own_active_booking(actor, booking_id)
    session = _locked_session(booking.session_id)
    booking.refresh_from_db()
    if not booking.holds_place and booking.state != BookingState.WAITLISTED:
        raise ServiceError("This booking is not active, so there is nothing to cancel.")
    now = timezone.now()
    if session.starts_at <= now:
        raise ServiceError("This session has already started, so the booking cannot be changed.")
    held = _release(booking, BookingState.CANCELLED, now)
    _log(actor, "learning.booking_cancelled", booking)
    transaction.on_commit(lambda: mail.booking_changed(booking))
    if held:
        _offer_free_places(session, now)
    return booking


@transaction.atomic
def offer_accept(*, actor: User, booking_id: int) -> Booking:
    booking = _own_active_booking(actor, booking_id)
    session = _locked_session(booking.session_id)
    booking.refresh_from_db()
    now = timezone.now()
    if booking.state != BookingState.OFFERED:
        raise ServiceError("There is no place on offer to you for this session.")
    if booking.offer_expires_at is None or booking.offer_expires_at <= now:
        raise ServiceError(
            "This offer has run out, so the place is passing to the next person waiting. "
            "You can join the waiting list again."
        )
    _check_bookable(session, now)
    approval = session.opportunity.needs_approval
    booking.state = BookingState.PENDING_APPROVAL if approval else BookingState.BOOKED
    booking.decided_at = now
    booking.save(update_fields=["state", "decided_at"])
    _log(actor, "learning.offer_accepted", booking)
    transaction.on_commit(lambda: mail.booking_changed(booking))
    return booking


@transaction.atomic
def offer_decline(*, actor: User, booking_id: int) -> Booking:
    booking = _own_active_booking(actor, booking_id)
    session = _locked_session(booking.session_id)
    booking.refresh_from_db()
    if booking.state != BookingState.OFFERED:
        raise ServiceError("There is no place on offer to you for this session.")
    now = timezone.now()
    _release(booking, BookingState.CANCELLED, now)
    _log(actor, "learning.offer_declined", booking)
    _offer_free_places(session, now)
    return booking


def offers_lapse(now: dt.datetime) -> int:
    """Offers not accepted in time pass to the next person waiting. Safe to run twice or in
    two processes at once: each expired offer is claimed under a skip-locked row lock."""
    done = 0
    expired = list(
        Booking.objects.filter(state=BookingState.OFFERED, offer_expires_at__lte=now).values_list(
            "pk", "session_id"
        )
    )
    for booking_id, session_id in expired:
        with transaction.atomic():
            session = _locked_session(session_id)
            claimed = (
                Booking.objects.select_for_update(skip_locked=True)
                .select_related("learner", "session__opportunity")
                .filter(pk=booking_id, state=BookingState.OFFERED, offer_expires_at__lte=now)
                .first()
            )
            if claimed is None:
                continue
            _release(claimed, BookingState.OFFER_LAPSED, now)
            _log(None, "learning.offer_lapsed", claimed)
            transaction.on_commit(lambda b=claimed: mail.booking_changed(b))
            _offer_free_places(session, now)
            done += 1
    return done


@transaction.atomic
def booking_decide(*, actor: User, booking: Booking, approve: bool) -> Booking:
    """The provider approves or turns down a place held for approval."""
    session = _locked_session(booking.session_id)
    booking.refresh_from_db()
    if booking.state != BookingState.PENDING_APPROVAL:
        raise ServiceError("This booking is not waiting for approval.")
    now = timezone.now()
    if approve:
        booking.state = BookingState.BOOKED
        booking.decided_at = now
        booking.save(update_fields=["state", "decided_at"])
    else:
        _release(booking, BookingState.NOT_APPROVED, now)
        _offer_free_places(session, now)
    _log(actor, "learning.booking_approved" if approve else "learning.booking_declined", booking)
    transaction.on_commit(lambda: mail.booking_changed(booking))
    return booking


@transaction.atomic
def interest_register(*, actor: User, opportunity: Opportunity) -> Interest:
    if opportunity.status != Status.PUBLISHED:
        raise ServiceError("This learning is not open at the moment.")
    if opportunity.sessions.upcoming().exists():
        raise ServiceError("This learning has dates you can book: choose one instead.")
    if opportunity.interests.filter(learner=actor).exists():
        raise ServiceError("You have already registered your interest in this learning.")
    organisation, _ = learner_origin(actor)
    interest = Interest.objects.create(
        opportunity=opportunity, learner=actor, learner_organisation=organisation
    )
    audit.record(
        actor=actor,
        action="learning.interest_registered",
        obj=interest,
        label=f"Interest in {opportunity}",
        organisation=opportunity.organisation,
    )
    return interest


@transaction.atomic
def attendance_mark(
    *, actor: User, session: Session, attended: Iterable[int], absent: Iterable[int]
) -> int:
    """Record who came. Attendance completes the learning; marking someone absent afterwards
    withdraws a completion made by attendance."""
    now = timezone.now()
    if session.starts_at > now:
        raise ServiceError("Attendance can be recorded once the session has started.")
    attended_ids, absent_ids = set(attended), set(absent)
    if attended_ids & absent_ids:
        raise ServiceError("Choose attended or did not attend for each person, not both.")
    bookings = {
        b.pk: b
        for b in session.bookings.filter(state=BookingState.BOOKED).select_related("learner")
    }
    unknown = (attended_ids | absent_ids) - set(bookings)
    if unknown:
        raise ServiceError("Attendance can only be recorded for people booked on this session.")
    changed = 0
    for booking_id in attended_ids | absent_ids:
        booking = bookings[booking_id]
        mark = Attendance.ATTENDED if booking_id in attended_ids else Attendance.ABSENT
        if booking.attendance == mark:
            continue
        booking.attendance = mark
        booking.save(update_fields=["attendance"])
        existing = Completion.objects.filter(booking=booking).first()
        if mark == Attendance.ATTENDED and existing is None:
            completion_create(
                learner=booking.learner,
                opportunity=session.opportunity,
                completed_on=timezone.localtime(session.ends_at).date(),
                source=CompletionSource.ATTENDANCE,
                state=CompletionState.VERIFIED,
                booking=booking,
                decided_by=actor,
            )
        elif mark == Attendance.ABSENT and existing is not None:
            existing.state = CompletionState.REVOKED
            existing.decision_note = "Marked as not attending."
            existing.save(update_fields=["state", "decision_note"])
        _log(actor, "learning.attendance_marked", booking, attendance=mark)
        changed += 1
    return changed


@transaction.atomic
def learner_erase(*, user: User) -> int:
    """The person deleted their account (see ``oneworkforce.personal_data``). Their places on
    sessions still to come are cancelled and passed to whoever waits; their evidence and the
    notes on their completions go; they leave every job role. Past bookings and
    completions stay with the closed account, so attendance and completion counts hold.
    Returns the bookings cancelled."""
    now = timezone.now()
    cancelled = 0
    upcoming = Booking.objects.active().filter(learner=user, session__starts_at__gt=now)
    for booking_id, session_id in upcoming.order_by("pk").values_list("pk", "session_id"):
        session = _locked_session(session_id)
        booking = Booking.objects.get(pk=booking_id)
        if not booking.holds_place and booking.state != BookingState.WAITLISTED:
            continue
        held = _release(booking, BookingState.CANCELLED, now)
        _log(None, "learning.booking_cancelled", booking, reason="account deleted")
        if held:
            _offer_free_places(session, now)
        cancelled += 1
    Completion.objects.filter(learner=user).update(
        evidence="",
        decision_note="",
        evidence_file=None,
        evidence_file_name="",
        evidence_file_type="",
    )
    user.job_roles.clear()
    return cancelled
