"""Booking, waiting lists, offers that lapse, cancellation and approval."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.bookings import services as booking_services
from oneworkforce.learning.catalogue import services as catalogue_services
from oneworkforce.learning.models import Booking, BookingState, Session, Status
from oneworkforce.partners.tests.factories import AffiliationFactory, UserFactory

from .factories import OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _people(n: int) -> list:
    return [UserFactory() for _ in range(n)]


def _state(booking: Booking) -> str:
    booking.refresh_from_db()
    return booking.state


def test_it_books_a_place_and_emails_a_calendar_file(learner, django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_services.booking_create(actor=learner, session_id=session.pk)
    assert booking.state == BookingState.BOOKED
    session.refresh_from_db()
    assert session.booked_count == 1
    assert mail.outbox[-1].to == [learner.email]
    assert mail.outbox[-1].attachments[0][0] == "session.ics"
    assert "BEGIN:VEVENT" in mail.outbox[-1].attachments[0][1]
    assert AuditEvent.objects.filter(action="learning.booked", object_id=str(booking.pk)).exists()


def test_it_waitlists_when_session_full_in_arrival_order():
    session = SessionFactory(capacity=2)
    people = _people(5)
    bookings = [booking_services.booking_create(actor=p, session_id=session.pk) for p in people]
    assert [b.state for b in bookings] == [
        "booked",
        "booked",
        "waitlisted",
        "waitlisted",
        "waitlisted",
    ]
    session.refresh_from_db()
    assert session.booked_count == 2


def test_it_refuses_double_booking_and_changes_nothing(learner):
    session = SessionFactory(capacity=5)
    booking_services.booking_create(actor=learner, session_id=session.pk)
    with pytest.raises(ServiceError, match="already have this session"):
        booking_services.booking_create(actor=learner, session_id=session.pk)
    assert Booking.objects.filter(session=session).count() == 1
    session.refresh_from_db()
    assert session.booked_count == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": Status.WITHDRAWN}, "withdrawn"),
        ({"cancelled": True}, "cancelled"),
        ({"past": True}, "already started"),
    ],
)
def test_it_refuses_withdrawn_cancelled_and_past_sessions(learner, change, message):
    session = SessionFactory()
    if "status" in change:
        Session.objects.filter(pk=session.pk)
        session.opportunity.status = change["status"]
        session.opportunity.save()
    if change.get("cancelled"):
        session.cancelled_at = timezone.now()
        session.save()
    if change.get("past"):
        session.starts_at = timezone.now() - dt.timedelta(hours=1)
        session.ends_at = timezone.now() + dt.timedelta(hours=1)
        session.save()
    with pytest.raises(ServiceError, match=message):
        booking_services.booking_create(actor=learner, session_id=session.pk)
    assert not Booking.objects.exists()


def test_a_freed_place_is_offered_to_the_longest_waiting_person_for_the_hold_time():
    session = SessionFactory(capacity=1, opportunity=OpportunityFactory(hold_hours=24))
    first, second, third = _people(3)
    booked = booking_services.booking_create(actor=first, session_id=session.pk)
    waiting_2 = booking_services.booking_create(actor=second, session_id=session.pk)
    waiting_3 = booking_services.booking_create(actor=third, session_id=session.pk)
    booking_services.booking_cancel(actor=first, booking_id=booked.pk)
    waiting_2.refresh_from_db()
    assert waiting_2.state == BookingState.OFFERED
    assert waiting_2.offer_expires_at - waiting_2.offered_at == dt.timedelta(hours=24)
    assert _state(waiting_3) == BookingState.WAITLISTED
    session.refresh_from_db()
    assert session.booked_count == 1  # the offered place is held


def test_an_offer_that_lapses_passes_to_the_next_person_and_cannot_then_be_accepted():
    session = SessionFactory(capacity=1, starts_at=timezone.now() + dt.timedelta(days=10))
    first, second, third = _people(3)
    booked = booking_services.booking_create(actor=first, session_id=session.pk)
    offer = booking_services.booking_create(actor=second, session_id=session.pk)
    later = booking_services.booking_create(actor=third, session_id=session.pk)
    booking_services.booking_cancel(actor=first, booking_id=booked.pk)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=49), tick=False):
        with pytest.raises(ServiceError, match="run out"):
            booking_services.offer_accept(actor=second, booking_id=offer.pk)
        assert _state(offer) == BookingState.OFFERED  # the refusal changed nothing
        assert booking_services.offers_lapse(timezone.now()) == 1
        assert booking_services.offers_lapse(timezone.now()) == 0  # safe to run twice
    assert _state(offer) == BookingState.OFFER_LAPSED
    assert _state(later) == BookingState.OFFERED
    session.refresh_from_db()
    assert session.booked_count == 1


def test_an_offer_is_never_held_past_the_session_start():
    session = SessionFactory(capacity=1, starts_at=timezone.now() + dt.timedelta(hours=5))
    first, second = _people(2)
    booked = booking_services.booking_create(actor=first, session_id=session.pk)
    offer = booking_services.booking_create(actor=second, session_id=session.pk)
    booking_services.booking_cancel(actor=first, booking_id=booked.pk)
    offer.refresh_from_db()
    assert offer.offer_expires_at == session.starts_at


def test_accepting_an_offer_books_the_place():
    session = SessionFactory(capacity=1)
    first, second = _people(2)
    booked = booking_services.booking_create(actor=first, session_id=session.pk)
    offer = booking_services.booking_create(actor=second, session_id=session.pk)
    booking_services.booking_cancel(actor=first, booking_id=booked.pk)
    booking_services.offer_accept(actor=second, booking_id=offer.pk)
    assert _state(offer) == BookingState.BOOKED
    session.refresh_from_db()
    assert session.booked_count == 1


def test_someone_elses_booking_cannot_be_cancelled_or_accepted(learner):
    session = SessionFactory(capacity=1)
    booking = booking_services.booking_create(actor=UserFactory(), session_id=session.pk)
    with pytest.raises(ServiceError, match="no such booking"):
        booking_services.booking_cancel(actor=learner, booking_id=booking.pk)
    assert _state(booking) == BookingState.BOOKED


def test_approval_holds_a_place_until_the_provider_decides(admin_a, org_a):
    session = SessionFactory(
        capacity=1, opportunity=OpportunityFactory(organisation=org_a, needs_approval=True)
    )
    first, second = _people(2)
    held = booking_services.booking_create(actor=first, session_id=session.pk)
    waiting = booking_services.booking_create(actor=second, session_id=session.pk)
    assert held.state == BookingState.PENDING_APPROVAL
    assert waiting.state == BookingState.WAITLISTED
    booking_services.booking_decide(actor=admin_a, booking=held, approve=False)
    assert _state(held) == BookingState.NOT_APPROVED
    assert _state(waiting) == BookingState.OFFERED


def test_withdrawing_a_listing_cancels_its_sessions_and_tells_everyone(
    admin_a, org_a, django_capture_on_commit_callbacks
):
    listing = OpportunityFactory(organisation=org_a)
    session = SessionFactory(opportunity=listing, capacity=1)
    people = _people(2)
    for person in people:
        booking_services.booking_create(actor=person, session_id=session.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = catalogue_services.opportunity_withdraw(
            actor=admin_a, opportunity=listing, reason="Trainer left"
        )
    assert told == 2
    assert {m.to[0] for m in mail.outbox} == {p.email for p in people}
    assert set(Booking.objects.values_list("state", flat=True)) == {BookingState.SESSION_CANCELLED}
    with pytest.raises(ServiceError):
        booking_services.booking_create(actor=UserFactory(), session_id=session.pk)


def test_a_learners_partner_and_sector_are_recorded_for_learning_together(learner, org_b):
    AffiliationFactory(user=learner, organisation=org_b, status="confirmed")
    booking = booking_services.booking_create(actor=learner, session_id=SessionFactory().pk)
    assert booking.learner_organisation == org_b
    assert booking.learner_sector == org_b.sector


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    capacity=st.integers(min_value=1, max_value=4),
    actions=st.lists(
        st.tuples(st.sampled_from(["book", "cancel", "lapse", "accept"]), st.integers(0, 5)),
        max_size=25,
    ),
)
def test_capacity_is_never_exceeded_and_places_are_counted_exactly(capacity, actions):
    session = SessionFactory(capacity=capacity, starts_at=timezone.now() + dt.timedelta(days=30))
    people = _people(6)
    now = timezone.now()
    for action, index in actions:
        person = people[index]
        mine = Booking.objects.active().filter(session=session, learner=person).first()
        try:
            if action == "book":
                booking_services.booking_create(actor=person, session_id=session.pk)
            elif action == "cancel" and mine:
                booking_services.booking_cancel(actor=person, booking_id=mine.pk)
            elif action == "accept" and mine:
                booking_services.offer_accept(actor=person, booking_id=mine.pk)
            elif action == "lapse":
                now += dt.timedelta(hours=49)
                booking_services.offers_lapse(now)
        except ServiceError:
            pass
        session.refresh_from_db()
        holding = Booking.objects.filter(session=session).holding_places().count()
        assert holding == sum(b.holds_place for b in session.bookings.all())
        waiting = Booking.objects.filter(session=session, state=BookingState.WAITLISTED).count()
        assert session.booked_count == holding <= capacity
        # Nobody waits while a place is free.
        assert waiting == 0 or holding == capacity


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_never_overbook():
    session = SessionFactory(capacity=3)
    people = _people(12)
    errors: list[Exception] = []
    barrier = threading.Barrier(len(people))

    def book(person):
        barrier.wait()
        try:
            booking_services.booking_create(actor=person, session_id=session.pk)
        except Exception as error:  # the test reports any failure
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=book, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    session.refresh_from_db()
    assert session.booked_count == 3
    assert Booking.objects.filter(session=session, state="booked").count() == 3
    waiting = list(
        Booking.objects.filter(session=session, state="waitlisted").order_by("waitlisted_at", "id")
    )
    assert len(waiting) == 9
    assert [b.pk for b in waiting] == sorted(b.pk for b in waiting)


@pytest.mark.parametrize("state", BookingState.values)
def test_a_booking_holds_a_place_when_booked_offered_or_waiting_for_approval(state):
    # One rule, read by the booking workflows, the model and its queryset alike: every active
    # booking but a place on the waiting list is counted in the session's booked places.
    holds = state in (BookingState.BOOKED, BookingState.OFFERED, BookingState.PENDING_APPROVAL)
    assert Booking(state=state).holds_place is holds


def test_a_place_held_for_approval_counts_against_capacity(learner):
    session = SessionFactory(capacity=1, opportunity=OpportunityFactory(needs_approval=True))
    booking = booking_services.booking_create(actor=learner, session_id=session.pk)
    session.refresh_from_db()
    assert booking.state == BookingState.PENDING_APPROVAL and booking.holds_place
    assert session.booked_count == Booking.objects.holding_places().filter(session=session).count()
