"""What learning pages show, decided in the presenters: checked on unsaved records, without a
database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oneworkforce.learning.bookings import presenters as booking_presenters
from oneworkforce.learning.catalogue import presenters as catalogue_presenters
from oneworkforce.learning.models import (
    Booking,
    BookingState,
    Completion,
    CompletionState,
    Kind,
    Opportunity,
    Session,
    Status,
)
from oneworkforce.learning.records import presenters as record_presenters
from oneworkforce.partners.models import Organisation


@pytest.mark.parametrize(
    ("status", "kind", "preview", "add_date", "publish", "withdraw"),
    [
        (Status.DRAFT, Kind.IN_PERSON, True, True, True, False),
        (Status.PUBLISHED, Kind.IN_PERSON, False, True, False, True),
        (Status.WITHDRAWN, Kind.IN_PERSON, True, False, True, False),
        (Status.PUBLISHED, Kind.E_LEARNING, False, False, False, True),
    ],
)
def test_it_offers_a_provider_only_the_listing_actions_its_status_allows(
    status, kind, preview, add_date, publish, withdraw
):
    actions = catalogue_presenters.listing_actions(Opportunity(status=status, kind=kind))
    assert actions == {
        "is_preview": preview,
        "can_add_date": add_date,
        "can_publish": publish,
        "can_withdraw": withdraw,
    }


def _booking(state: str, title: str = "Dementia awareness") -> Booking:
    return Booking(pk=7, state=state, session=Session(opportunity=Opportunity(title=title)))


@pytest.mark.parametrize(
    ("state", "says"),
    [
        (BookingState.BOOKED, "You are booked on Dementia awareness."),
        (BookingState.PENDING_APPROVAL, "is held while the provider approves it."),
        (BookingState.WAITLISTED, "is full, so you are on the waiting list."),
        (BookingState.CANCELLED, "Your booking has been updated."),
    ],
)
def test_it_tells_the_learner_what_asking_for_a_place_did(state, says):
    assert says in booking_presenters.booked_message(_booking(state))


def test_it_groups_a_sessions_people_and_marks_who_holds_an_offer():
    people = [
        _booking(s)
        for s in (
            BookingState.BOOKED,
            BookingState.PENDING_APPROVAL,
            BookingState.WAITLISTED,
            BookingState.OFFERED,
            BookingState.CANCELLED,
        )
    ]
    grouped = booking_presenters.session_people(people)
    assert [b.state for b in grouped["booked"]] == [BookingState.BOOKED]
    assert [b.state for b in grouped["pending"]] == [BookingState.PENDING_APPROVAL]
    assert [(w["booking"].state, w["is_offer"]) for w in grouped["waiting"]] == [
        (BookingState.WAITLISTED, False),
        (BookingState.OFFERED, True),
    ]


@pytest.mark.parametrize(
    ("state", "verified"),
    [
        (CompletionState.VERIFIED, True),
        (CompletionState.PENDING, False),
        (CompletionState.REJECTED, False),
        (CompletionState.REVOKED, False),
    ],
)
def test_only_a_verified_completion_has_a_certificate_to_download_or_revoke(state, verified):
    completion = Completion(state=state, completed_on=dt.date(2026, 3, 1))
    [row] = record_presenters.completion_rows([completion])
    assert row["completion"] is completion
    assert row["has_certificate"] is verified
    assert row["can_revoke"] is verified


def test_a_search_card_shows_the_next_date_and_the_price():
    start = timezone.make_aware(dt.datetime(2027, 1, 14, 9, 30))
    listing = Opportunity(
        slug="moving-and-handling",
        title="Moving and handling",
        kind=Kind.IN_PERSON,
        summary="Safe moving.",
        cost_pence=2500,
        duration_minutes=90,
        organisation=Organisation(name="Riverside Care"),
    )
    session = Session(
        pk=3,
        opportunity=listing,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
        capacity=10,
        booked_count=10,
        venue="Town hall",
    )
    card = catalogue_presenters.card(listing, session)
    assert card["href"] == "/learning/o/moving-and-handling/"
    assert (card["provider"], card["cost"], card["duration"]) == (
        "Riverside Care",
        "£25.00",
        "1 hour 30 minutes",
    )
    assert card["next"]["full"] is True and card["next"]["where"] == "Town hall"
    assert catalogue_presenters.card(listing, None)["next"] is None


def test_the_certificate_page_says_why_only_when_revoked():
    revoked = record_presenters.certificate_page("revoked")
    assert revoked == {"heading": "This certificate has been revoked", "shows_revocation": True}
    for status in ("valid", "expired", "not_verified"):
        page = record_presenters.certificate_page(status)
        assert page["shows_revocation"] is False
        assert page["heading"].startswith("This certificate ")


@pytest.mark.parametrize(
    ("squared", "text"),
    [(None, ""), (0.0, "Less than 0.1 km away"), (5.76, "2.4 km away"), (400.0, "20 km away")],
)
def test_distance_is_worded_in_kilometres(squared, text):
    assert catalogue_presenters.distance(squared) == text


def test_each_applied_filter_can_be_removed_alone():
    labels = {
        "provider": ("Provider", {"": "Any provider", "alpha": "Alpha Care"}),
        "postcode": ("Near", {}),
        "within": ("Within", {"10": "10 km"}),
        "free": ("", {"on": "Free only"}),
    }
    pairs = [
        ("provider", "alpha"),
        ("postcode", "LS6"),
        ("within", "10"),
        ("free", "on"),
        ("sort", "nearest"),
        ("page", "3"),
        ("kind", ""),
    ]
    items = catalogue_presenters.applied_filters(pairs, labels)
    assert items == [
        {"text": "Provider: Alpha Care", "href": "?postcode=LS6&within=10&free=on&sort=nearest"},
        {"text": "Near: LS6", "href": "?provider=alpha&free=on&sort=nearest"},
        {"text": "Within: 10 km", "href": "?provider=alpha&postcode=LS6&free=on&sort=nearest"},
        {"text": "Free only", "href": "?provider=alpha&postcode=LS6&within=10&sort=nearest"},
    ]
    # A distance without a postcode is not a filter, so it is not listed.
    assert catalogue_presenters.applied_filters([("within", "10")], labels) == []
