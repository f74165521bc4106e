"""Provider pages: listings, dates, withdrawal, dashboards and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.bookings import selectors
from oneworkforce.learning.bookings import services as booking_services
from oneworkforce.learning.models import Opportunity, Session
from oneworkforce.partners.tests.factories import AffiliationFactory, UserFactory

from .factories import OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _listing_form(**overrides):
    year = timezone.localdate().year + 1
    data = {
        "title": "Preceptorship",
        "kind": "in_person",
        "summary": "First-year support.",
        "who_can_take": "Anyone in health and care",
        "cost": "0",
        "hold_hours": "48",
        "review_by_day": "1",
        "review_by_month": "9",
        "review_by_year": str(year),
    }
    data.update(overrides)
    return data


def test_a_listing_is_created_as_a_draft_and_audited(client, admin_a, org_a):
    client.force_login(admin_a)
    response = client.post(reverse("learning:listing_add", args=[org_a.slug]), _listing_form())
    listing = Opportunity.objects.get()
    assert response.status_code == 302
    assert listing.status == "draft"
    assert listing.organisation == org_a
    assert AuditEvent.objects.filter(action="learning.opportunity_created").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter a title"),
        ({"cost": "-5"}, "The cost cannot be negative"),
        ({"review_by_month": "13"}, "must be a real date"),
        ({"kind": "e_learning"}, "Enter the link people follow"),
    ],
)
def test_bad_listing_input_names_the_field_and_writes_nothing(
    client, admin_a, org_a, overrides, message
):
    client.force_login(admin_a)
    response = client.post(
        reverse("learning:listing_add", args=[org_a.slug]), _listing_form(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Opportunity.objects.exists()


def test_wording_only_one_sector_understands_is_flagged_with_a_suggestion(client, admin_a, org_a):
    client.force_login(admin_a)
    client.post(
        reverse("learning:listing_add", args=[org_a.slug]),
        _listing_form(title="Band 5 preceptorship", who_can_take="Trust staff only"),
    )
    listing = Opportunity.objects.get()
    page = client.get(reverse("learning:listing", args=[org_a.slug, listing.slug]))
    body = page.content.decode()
    assert "Check the wording" in body
    assert "Band 5" in body
    assert "Trust staff only" in body


def test_a_session_with_the_end_before_the_start_is_refused(client, admin_a, org_a):
    listing = OpportunityFactory(organisation=org_a)
    day = timezone.localdate() + dt.timedelta(days=10)
    client.force_login(admin_a)
    response = client.post(
        reverse("learning:session_add", args=[org_a.slug, listing.slug]),
        {
            "day_day": day.day,
            "day_month": day.month,
            "day_year": day.year,
            "start": "14:00",
            "end": "09:00",
            "venue": "Hall",
            "capacity": "10",
        },
    )
    assert "The end must be after the start" in response.content.decode()
    assert not Session.objects.exists()


def test_a_capacity_below_the_places_taken_is_refused(admin_a, org_a):
    session = SessionFactory(opportunity=OpportunityFactory(organisation=org_a), capacity=2)
    for _ in range(2):
        booking_services.booking_create(actor=UserFactory(), session_id=session.pk)
    fields = {
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "capacity": 1,
        "site": None,
        "venue": "Hall",
    }
    with pytest.raises(ServiceError, match="cannot be less"):
        booking_services.session_save(
            actor=admin_a, opportunity=session.opportunity, session=session, **fields
        )


def test_a_bigger_capacity_offers_the_new_places_to_people_waiting(admin_a, org_a):
    session = SessionFactory(opportunity=OpportunityFactory(organisation=org_a), capacity=1)
    booking_services.booking_create(actor=UserFactory(), session_id=session.pk)
    waiting = booking_services.booking_create(actor=UserFactory(), session_id=session.pk)
    fields = {"starts_at": session.starts_at, "ends_at": session.ends_at, "capacity": 2}
    booking_services.session_save(
        actor=admin_a, opportunity=session.opportunity, session=session, **fields
    )
    waiting.refresh_from_db()
    assert waiting.state == "offered"


def test_the_dashboard_measures_learning_together(org_a, org_b):
    session = SessionFactory(opportunity=OpportunityFactory(organisation=org_a), capacity=4)
    own, other = UserFactory(), UserFactory()
    AffiliationFactory(user=own, organisation=org_a, status="confirmed")
    AffiliationFactory(user=other, organisation=org_b, status="confirmed")
    for person in (own, other):
        booking_services.booking_create(actor=person, session_id=session.pk)
    figures = selectors.figures("A", org_a)
    assert figures.places == 4
    assert figures.booked == 2
    assert figures.fill_rate == 0.5
    assert figures.learners == 2
    assert figures.from_other_partners == 1
    assert figures.other_share == 0.5


def test_provider_pages_show_only_the_partners_own_records(client, admin_b, org_a):
    listing = OpportunityFactory(organisation=org_a)
    client.force_login(admin_b)
    response = client.get(reverse("learning:listing", args=[org_a.slug, listing.slug]))
    assert response.status_code == 403
