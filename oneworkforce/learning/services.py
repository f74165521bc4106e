"""Learning workflows: publish, book, wait, offer, attend, complete. Each runs in one
transaction and writes the audit log; each refusal is a :class:`ServiceError` with a message a
learner or provider can act on, and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from oneworkforce.core import audit, keys
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import AffiliationStatus, Organisation, User

from . import mail
from .models import (
    AcceptedIssuer,
    Attendance,
    Booking,
    BookingState,
    Completion,
    CompletionSource,
    CompletionState,
    Interest,
    Opportunity,
    ProviderToken,
    Requirement,
    RequirementPolicy,
    RoleProfile,
    Session,
    Status,
    model_fields,
)

OPPORTUNITY_FIELDS = model_fields(
    Opportunity, "search_title", "search_body", "created_at", "updated_at"
)
SESSION_FIELDS = model_fields(Session, "booked_count")
HOLDING = (BookingState.BOOKED, BookingState.OFFERED, BookingState.PENDING_APPROVAL)

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


# Catalogue ---------------------------------------------------------------------------------


def _refresh_search(opportunity: Opportunity) -> None:
    topics = " ".join(t.name for t in opportunity.topics.all())
    requirements = " ".join(str(r) for r in opportunity.requirements.all())
    opportunity.search_title = opportunity.title
    opportunity.search_body = " ".join(
        [
            opportunity.summary,
            opportunity.who_can_take,
            opportunity.accreditation,
            opportunity.organisation.name,
            opportunity.get_kind_display(),
            topics,
            requirements,
        ]
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(
        search_title=opportunity.search_title, search_body=opportunity.search_body
    )


@transaction.atomic
def opportunity_save(
    *,
    actor: User,
    organisation: Organisation,
    opportunity: Opportunity | None = None,
    topics: Iterable[Any] = (),
    faculties: Iterable[Any] = (),
    requirements: Iterable[Any] = (),
    **fields: Any,
) -> Opportunity:
    """Create a draft listing for ``organisation`` or change one of its listings."""
    if opportunity is None:
        opportunity = Opportunity(organisation=organisation, owner=actor)
        action, before = "learning.opportunity_created", {}
    else:
        if opportunity.organisation_id != organisation.pk:
            raise ServiceError("This listing belongs to another partner.")
        action, before = (
            "learning.opportunity_changed",
            audit.snapshot_stored(opportunity, OPPORTUNITY_FIELDS),
        )
    for name, value in fields.items():
        setattr(opportunity, name, value)
    if not opportunity.slug:
        opportunity.slug = unique_slug(Opportunity, opportunity.title, fallback="learning")
    opportunity.save()
    opportunity.topics.set(topics)
    opportunity.faculties.set(faculties)
    opportunity.requirements.set(requirements)
    _refresh_search(opportunity)
    changes = audit.diff(before, audit.snapshot(opportunity, OPPORTUNITY_FIELDS))
    audit.record(
        actor=actor, action=action, obj=opportunity, changes=changes, organisation=organisation
    )
    return opportunity


@transaction.atomic
def opportunity_publish(*, actor: User, opportunity: Opportunity) -> Opportunity:
    if opportunity.status == Status.PUBLISHED:
        raise ServiceError("This listing is already published.")
    opportunity.status = Status.PUBLISHED
    opportunity.published_at = timezone.now()
    opportunity.withdrawn_at = None
    opportunity.withdrawal_reason = ""
    opportunity.save(update_fields=["status", "published_at", "withdrawn_at", "withdrawal_reason"])
    audit.record(
        actor=actor,
        action="learning.opportunity_published",
        obj=opportunity,
        organisation=opportunity.organisation,
    )
    return opportunity


@transaction.atomic
def opportunity_withdraw(*, actor: User, opportunity: Opportunity, reason: str) -> int:
    """Withdraw a listing: its future sessions are cancelled and everyone booked or waiting is
    told. Returns how many people were told."""
    if opportunity.status == Status.WITHDRAWN:
        raise ServiceError("This listing has already been withdrawn.")
    if not reason.strip():
        raise ServiceError("Say why the listing is withdrawn.", field="reason")
    now = timezone.now()
    opportunity.status = Status.WITHDRAWN
    opportunity.withdrawn_at = now
    opportunity.withdrawal_reason = reason.strip()
    opportunity.save(update_fields=["status", "withdrawn_at", "withdrawal_reason"])
    told = 0
    for session in opportunity.sessions.select_for_update().upcoming(now):
        told += _cancel_session(session, now)
    audit.record(
        actor=actor,
        action="learning.opportunity_withdrawn",
        obj=opportunity,
        changes={"reason": reason.strip(), "learners_told": told},
        organisation=opportunity.organisation,
    )
    return told


def _cancel_session(session: Session, now: dt.datetime) -> int:
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
    told = _cancel_session(session, timezone.now())
    audit.record(
        actor=actor,
        action="learning.session_cancelled",
        obj=session,
        changes={"learners_told": told},
        organisation=session.opportunity.organisation,
    )
    return told


# Booking -----------------------------------------------------------------------------------


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


def _log(actor: Any, action: str, booking: Booking, **changes: Any) -> None:
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
    held = booking.state in HOLDING
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
    if booking.state not in (*HOLDING, BookingState.WAITLISTED):
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


# Attendance and completion -----------------------------------------------------------------


def _complete(
    *,
    learner: User,
    opportunity: Opportunity,
    completed_on: dt.date,
    source: str,
    state: str,
    booking: Booking | None = None,
    evidence: str = "",
    statement_id: str | None = None,
    decided_by: User | None = None,
) -> Completion:
    completion = Completion.objects.create(
        learner=learner,
        opportunity=opportunity,
        issuer=opportunity.organisation,
        booking=booking,
        completed_on=completed_on,
        source=source,
        state=state,
        evidence=evidence,
        statement_id=statement_id,
        decided_by=decided_by,
        decided_at=timezone.now() if decided_by else None,
    )
    completion.requirements.set(opportunity.requirements.all())
    return completion


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
            _complete(
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


def _check_completion_date(completed_on: dt.date) -> None:
    if completed_on > timezone.localdate():
        raise ServiceError(
            "The date you completed it cannot be in the future.", field="completed_on"
        )


@transaction.atomic
def completion_declare(
    *, actor: User, opportunity: Opportunity, completed_on: dt.date, evidence: str
) -> Completion:
    """A learner says they finished e-learning or a resource; the provider checks it."""
    if opportunity.is_dated:
        raise ServiceError("This learning is completed by attending: the provider records it.")
    if opportunity.status != Status.PUBLISHED:
        raise ServiceError("This learning is not open at the moment.")
    _check_completion_date(completed_on)
    if not evidence.strip():
        raise ServiceError(
            "Say how the provider can check it, for example your certificate number.",
            field="evidence",
        )
    if Completion.objects.filter(
        learner=actor, opportunity=opportunity, state=CompletionState.PENDING
    ).exists():
        raise ServiceError("You have already sent this completion: the provider is checking it.")
    completion = _complete(
        learner=actor,
        opportunity=opportunity,
        completed_on=completed_on,
        source=CompletionSource.SELF_DECLARED,
        state=CompletionState.PENDING,
        evidence=evidence.strip(),
    )
    audit.record(
        actor=actor,
        action="learning.completion_declared",
        obj=completion,
        organisation=opportunity.organisation,
    )
    return completion


def _completion_decided(
    actor: User, completion: Completion, state: str, note: str, changes: dict[str, Any]
) -> Completion:
    completion.state = state
    completion.decided_by = actor
    completion.decided_at = timezone.now()
    completion.decision_note = note.strip()
    completion.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    audit.record(
        actor=actor,
        action=f"learning.completion_{state}",
        obj=completion,
        changes=changes,
        organisation=completion.issuer,
    )
    return completion


@transaction.atomic
def completion_decide(
    *, actor: User, completion: Completion, verify: bool, note: str = ""
) -> Completion:
    if completion.state != CompletionState.PENDING:
        raise ServiceError("This completion has already been checked.")
    if not verify and not note.strip():
        raise ServiceError("Say why it cannot be accepted, so the learner knows.", field="note")
    state = CompletionState.VERIFIED if verify else CompletionState.REJECTED
    return _completion_decided(actor, completion, state, note, {"state": state})


@transaction.atomic
def completion_revoke(*, actor: User, completion: Completion, reason: str) -> Completion:
    if completion.state != CompletionState.VERIFIED:
        raise ServiceError("Only a verified completion can be revoked.")
    if not reason.strip():
        raise ServiceError("Say why the certificate is revoked.", field="reason")
    return _completion_decided(
        actor, completion, CompletionState.REVOKED, reason, {"reason": reason.strip()}
    )


COMPLETING_VERBS = {"completed", "passed"}


def _activity(organisation: Organisation, activity_id: str) -> Opportunity | None:
    """An xAPI activity id names one of the partner's listings: its page address, its link
    out, or ``urn:oneworkforce:learning:<slug>``."""
    own = Opportunity.objects.filter(organisation=organisation)
    value = activity_id.strip()
    if value.startswith("urn:oneworkforce:learning:"):
        return own.filter(slug=value.rsplit(":", 1)[1]).first()
    by_link = own.filter(link=value).first()
    if by_link is not None:
        return by_link
    parts = [p for p in value.split("?")[0].split("/") if p]
    if len(parts) >= 2 and parts[-2] == "o":
        return own.filter(slug=parts[-1]).first()
    return None


STATEMENTS_SINCE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@transaction.atomic
def statement_record(
    *,
    organisation: Organisation,
    statement_id: str,
    actor_email: str,
    verb: str,
    activity_id: str,
    timestamp: dt.datetime,
) -> tuple[Completion, bool]:
    """A completion sent by a partner's learning system. Idempotent on ``statement_id``:
    sending the same statement again returns the completion it made. Every value is checked
    here, whoever calls: text holding a control character or longer than it may be, and a
    timestamp before 2000, are refused naming the field; a timestamp without a time zone is
    read as UTC."""
    for field, value, limit in (
        ("id", statement_id, 100),
        ("actor", actor_email, 260),
        ("verb", verb, 300),
        ("object", activity_id, 500),
    ):
        if not value.strip() or len(value) > limit:
            raise ServiceError(f"Give the {field} in 1 to {limit} characters.", field=field)
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise ServiceError(f"The {field} holds a control character.", field=field)
    if timezone.is_naive(timestamp):
        timestamp = timestamp.replace(tzinfo=dt.UTC)
    if timestamp < STATEMENTS_SINCE:
        raise ServiceError("The timestamp is before 2000.", field="timestamp")
    existing = Completion.objects.filter(statement_id=statement_id).first()
    if existing is not None:
        if existing.issuer_id != organisation.pk:
            raise ServiceError("This statement id has been used by another partner.", field="id")
        return existing, False
    verb_name = verb.rstrip("/").rsplit("/", 1)[-1].lower()
    if verb_name not in COMPLETING_VERBS:
        raise ServiceError(
            "Only 'completed' or 'passed' statements are recorded as completions.", field="verb"
        )
    learner = User.objects.filter(email=actor_email.strip().lower(), is_active=True).first()
    if learner is None:
        raise ServiceError(
            "No one with this e-mail address has an account. Ask them to sign in once first.",
            field="actor",
        )
    opportunity = _activity(organisation, activity_id)
    if opportunity is None:
        raise ServiceError("This activity is not one of your listings.", field="object")
    if timestamp > timezone.now() + dt.timedelta(minutes=5):
        raise ServiceError("The timestamp is in the future.", field="timestamp")
    completion = _complete(
        learner=learner,
        opportunity=opportunity,
        completed_on=timezone.localtime(timestamp).date(),
        source=CompletionSource.PARTNER_SYSTEM,
        state=CompletionState.VERIFIED,
        statement_id=statement_id,
    )
    audit.record(
        actor=None,
        action="learning.statement_recorded",
        obj=completion,
        changes={"statement_id": statement_id},
        organisation=organisation,
    )
    return completion, True


# Requirements: partners' rules -------------------------------------------------------------


@transaction.atomic
def role_profile_save(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    requirements: Iterable[Requirement],
    profile: RoleProfile | None = None,
) -> RoleProfile:
    clash = RoleProfile.objects.filter(organisation=organisation, name__iexact=name.strip())
    if profile is not None:
        clash = clash.exclude(pk=profile.pk)
    if clash.exists():
        raise ServiceError("You already have a role with this name.", field="name")
    created = profile is None
    if profile is None:
        profile = RoleProfile(organisation=organisation)
    profile.name = name.strip()
    profile.save()
    chosen = list(requirements)
    profile.requirements.set(chosen)
    audit.record(
        actor=actor,
        action="learning.role_created" if created else "learning.role_changed",
        obj=profile,
        changes={"requirements": sorted(r.code for r in chosen)},
        organisation=organisation,
    )
    return profile


@transaction.atomic
def role_member_set(
    *, actor: User, profile: RoleProfile, learner: User, member: bool
) -> RoleProfile:
    if (
        member
        and not learner.affiliations.filter(
            organisation=profile.organisation, status=AffiliationStatus.CONFIRMED
        ).exists()
    ):
        raise ServiceError(
            "Only people whose work with you is confirmed can be given a role.", field="learner"
        )
    (profile.members.add if member else profile.members.remove)(learner)
    audit.record(
        actor=actor,
        action="learning.role_member_added" if member else "learning.role_member_removed",
        obj=profile,
        changes={"learner": learner.pk},
        organisation=profile.organisation,
    )
    return profile


@transaction.atomic
def accepted_issuers_set(
    *, actor: User, organisation: Organisation, issuers: Iterable[Organisation]
) -> None:
    chosen = {o.pk for o in issuers if o.pk != organisation.pk}
    before = set(organisation.accepted_issuers.values_list("issuer_id", flat=True))
    organisation.accepted_issuers.exclude(issuer_id__in=chosen).delete()
    AcceptedIssuer.objects.bulk_create(
        [AcceptedIssuer(organisation=organisation, issuer_id=pk) for pk in chosen - before]
    )
    audit.record(
        actor=actor,
        action="learning.accepted_issuers_set",
        obj=organisation,
        changes=audit.diff({"issuers": sorted(before)}, {"issuers": sorted(chosen)}),
        organisation=organisation,
    )


@transaction.atomic
def requirement_policy_set(
    *,
    actor: User,
    organisation: Organisation,
    requirement: Requirement,
    validity_months: int | None,
) -> None:
    """A partner sets a stricter validity, or goes back to the framework's (``None``)."""
    existing = RequirementPolicy.objects.filter(
        organisation=organisation, requirement=requirement
    ).first()
    before = existing.validity_months if existing else None
    if validity_months is None:
        if existing:
            existing.delete()
    else:
        default = requirement.validity_months
        if validity_months < 1 or (default and validity_months > default):
            limit = f"1 to {default}" if default else "at least 1"
            raise ServiceError(
                f"A partner's period may only be stricter: choose {limit} months.",
                field="validity_months",
            )
        RequirementPolicy.objects.update_or_create(
            organisation=organisation,
            requirement=requirement,
            defaults={"validity_months": validity_months},
        )
    audit.record(
        actor=actor,
        action="learning.validity_set",
        obj=requirement,
        changes=audit.diff({"months": before}, {"months": validity_months}),
        organisation=organisation,
    )


# Partner systems' keys ---------------------------------------------------------------------


def token_create(
    *, actor: User, organisation: Organisation, name: str
) -> tuple[ProviderToken, str]:
    """A new key; the raw value is returned once and never stored."""
    return keys.key_create(
        ProviderToken,
        actor=actor,
        organisation=organisation,
        name=name.strip() or "Learning system",
        marker="owl_",
        action="learning.token_created",
    )


def token_revoke(*, actor: User, token: ProviderToken) -> None:
    keys.key_revoke(token, actor=actor, action="learning.token_revoked")


def token_organisation(raw: str) -> Organisation | None:
    return keys.key_organisation(ProviderToken, raw)


@transaction.atomic
def learner_erase(*, user: User) -> int:
    """The person deleted their account (see ``oneworkforce.personal_data``). Their places on
    sessions still to come are cancelled and passed to whoever waits; their evidence and the
    notes on their completions go; they leave every role profile. Past bookings and
    completions stay with the closed account, so attendance and completion counts hold.
    Returns the bookings cancelled."""
    now = timezone.now()
    cancelled = 0
    upcoming = Booking.objects.active().filter(learner=user, session__starts_at__gt=now)
    for booking_id, session_id in upcoming.order_by("pk").values_list("pk", "session_id"):
        session = _locked_session(session_id)
        booking = Booking.objects.get(pk=booking_id)
        if booking.state not in (*HOLDING, BookingState.WAITLISTED):
            continue
        held = _release(booking, BookingState.CANCELLED, now)
        _log(None, "learning.booking_cancelled", booking, reason="account deleted")
        if held:
            _offer_free_places(session, now)
        cancelled += 1
    Completion.objects.filter(learner=user).update(evidence="", decision_note="")
    user.role_profiles.clear()
    return cancelled
