"""The learning API: search, detail, book and cancel for the signed-in person."""

from __future__ import annotations

import pytest

from oneworkforce.core import geography
from oneworkforce.learning.models import Booking, BookingState

from .factories import OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1/learning"


def test_search_returns_published_listings_with_their_next_date(client):
    listing = OpportunityFactory(title="Dementia awareness")
    SessionFactory(opportunity=listing)
    OpportunityFactory(title="Dementia draft", status="draft")
    body = client.get(f"{BASE}/opportunities", {"q": "dementia"}).json()
    assert body["count"] == 1
    assert body["items"][0]["slug"] == listing.slug
    assert body["items"][0]["next_start"] is not None


def test_a_malformed_date_is_a_422_naming_the_field(client):
    response = client.get(f"{BASE}/opportunities", {"date_from": "31/12/2026"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].endswith("date_from")


def test_detail_lists_upcoming_sessions_and_hides_drafts(client):
    listing = OpportunityFactory()
    session = SessionFactory(opportunity=listing, capacity=4)
    body = client.get(f"{BASE}/opportunities/{listing.slug}").json()
    assert [s["id"] for s in body["sessions"]] == [session.pk]
    assert body["sessions"][0]["places_left"] == 4
    draft = OpportunityFactory(status="draft")
    assert client.get(f"{BASE}/opportunities/{draft.slug}").status_code == 404


def test_book_and_cancel_through_the_api(client, learner):
    session = SessionFactory(capacity=1)
    client.force_login(learner)
    booked = client.post(f"{BASE}/sessions/{session.pk}/bookings")
    assert booked.status_code == 201
    assert booked.json()["state"] == BookingState.BOOKED
    again = client.post(f"{BASE}/sessions/{session.pk}/bookings")
    assert again.status_code == 409
    assert "already" in again.json()["detail"]
    booking_id = booked.json()["id"]
    cancelled = client.post(f"{BASE}/bookings/{booking_id}/cancel")
    assert cancelled.status_code == 200
    assert Booking.objects.get(pk=booking_id).state == BookingState.CANCELLED
    assert client.get(f"{BASE}/bookings").json()[0]["state"] == BookingState.CANCELLED


def test_booking_needs_a_signed_in_person(client):
    session = SessionFactory()
    assert client.post(f"{BASE}/sessions/{session.pk}/bookings").status_code == 401
    assert not Booking.objects.exists()


def test_search_near_a_district_gives_each_result_its_distance_nearest_first(client):
    geography.load_demo_postcodes()
    far = OpportunityFactory(title="Fire safety in Halifax")
    SessionFactory(opportunity=far, venue="Hall", venue_postcode="HX1 1AA")
    near = OpportunityFactory(title="Fire safety in Headingley")
    SessionFactory(opportunity=near, venue="Hall", venue_postcode="LS6 3HN")
    OpportunityFactory(title="Fire safety online", kind="e_learning")
    body = client.get(f"{BASE}/opportunities", {"postcode": "LS6", "within_km": 50}).json()
    assert [i["slug"] for i in body["items"]] == [near.slug, far.slug]
    assert body["items"][0]["distance_km"] == 0.0
    assert 20 < body["items"][1]["distance_km"] < 30
    assert client.get(f"{BASE}/opportunities", {"sort": "nearby"}).status_code == 422


def test_search_near_a_district_pages_nearest_first_with_the_count(client):
    geography.load_demo_postcodes()
    titles = ["Headingley", "Halifax", "Huddersfield"]
    for title, postcode in zip(titles, ["LS6 3HN", "HX1 1AA", "HD1 1AA"], strict=True):
        SessionFactory(
            opportunity=OpportunityFactory(title=title), venue="Hall", venue_postcode=postcode
        )
    query = {"postcode": "LS6", "within_km": 100, "page_size": 2}
    first = client.get(f"{BASE}/opportunities", query).json()
    second = client.get(f"{BASE}/opportunities", {**query, "page": 2}).json()
    assert first["count"] == second["count"] == 3
    found = first["items"] + second["items"]
    assert [i["title"] for i in found] == titles
    assert [i["distance_km"] for i in found] == sorted(i["distance_km"] for i in found)
