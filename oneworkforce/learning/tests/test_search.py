"""Catalogue search on either database: ranking, filters, feeds and bad input."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core import geography
from oneworkforce.learning.bookings import places
from oneworkforce.learning.catalogue import services as catalogue_services
from oneworkforce.learning.catalogue.search import Criteria, _fts5_query, search
from oneworkforce.learning.models import Kind, Session, Topic
from oneworkforce.partners.tests.factories import OrganisationFactory, SiteFactory

from .factories import OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _listing(admin, organisation, title, summary, **fields):
    values = {
        "title": title,
        "summary": summary,
        "kind": Kind.IN_PERSON,
        "who_can_take": "Anyone in health and care",
        "review_by": timezone.localdate() + dt.timedelta(days=300),
        **fields,
    }
    listing = catalogue_services.opportunity_save(actor=admin, organisation=organisation, **values)
    catalogue_services.opportunity_publish(actor=admin, opportunity=listing)
    return listing


def _titles(criteria: Criteria) -> list[str]:
    return [o.title for o in search(criteria)]


def test_full_text_ranks_title_matches_above_body_matches(admin_a, org_a):
    _listing(admin_a, org_a, "Team meetings that work", "Includes a short part on dementia.")
    _listing(admin_a, org_a, "Dementia awareness", "Understanding dementia and how to help.")
    _listing(admin_a, org_a, "Fire safety", "Evacuation and extinguishers.")
    assert _titles(Criteria(q="dementia")) == ["Dementia awareness", "Team meetings that work"]


def test_words_are_stemmed_and_the_last_word_may_be_a_prefix_on_sqlite(admin_a, org_a):
    _listing(admin_a, org_a, "Moving and handling people", "Safe moving techniques.")
    assert _titles(Criteria(q="handling")) == ["Moving and handling people"]
    # Quotes and operators in the query are words, never FTS5 syntax.
    assert _fts5_query('mov "x OR') == '"mov" AND "x" AND "or"*'


def test_draft_and_withdrawn_listings_are_never_found(admin_a, org_a):
    OpportunityFactory(organisation=org_a, title="Draft dementia", status="draft")
    live = _listing(admin_a, org_a, "Dementia live", "Dementia.")
    catalogue_services.opportunity_withdraw(actor=admin_a, opportunity=live, reason="Ended")
    assert _titles(Criteria(q="dementia")) == []


def test_filters_combine(admin_a, org_a, org_b):
    topic = Topic.objects.get(slug="dementia")
    free_dated = _listing(admin_a, org_a, "Dementia friends", "Free.", topics=[topic])
    SessionFactory(opportunity=free_dated, capacity=5)
    paid = _listing(
        admin_a, org_a, "Dementia care mapping", "Paid.", cost_pence=5000, topics=[topic]
    )
    SessionFactory(opportunity=paid, capacity=5)
    full = _listing(admin_a, org_b, "Dementia full", "Full.", topics=[topic])
    SessionFactory(opportunity=full, capacity=1, booked_count=1)
    _listing(
        admin_a,
        org_b,
        "Dementia e-learning",
        "Online.",
        kind=Kind.E_LEARNING,
        link="https://e.example",
    )
    assert set(_titles(Criteria(topics=["dementia"], free=True))) == {
        "Dementia friends",
        "Dementia full",
    }
    assert set(_titles(Criteria(q="dementia", places=True))) == {
        "Dementia friends",
        "Dementia care mapping",
        "Dementia e-learning",  # taken any time: never full
    }
    assert _titles(Criteria(providers=[org_b.slug], kinds=[Kind.E_LEARNING])) == [
        "Dementia e-learning"
    ]


def test_date_range_keeps_listings_with_a_session_inside_it(admin_a, org_a):
    soon = _listing(admin_a, org_a, "Soon", "x")
    SessionFactory(opportunity=soon, starts_at=timezone.now() + dt.timedelta(days=3))
    later = _listing(admin_a, org_a, "Later", "x")
    SessionFactory(opportunity=later, starts_at=timezone.now() + dt.timedelta(days=60))
    today = timezone.localdate()
    assert _titles(Criteria(date_from=today, date_to=today + dt.timedelta(days=10))) == ["Soon"]


def test_distance_from_a_postcode_uses_site_locations_and_is_nearest_first(admin_a, org_a):
    geography.load_demo_postcodes()
    leeds = SiteFactory(organisation=org_a, postcode="LS1 4AP")
    halifax = SiteFactory(organisation=org_a, postcode="HX1 5QN")
    near = _listing(admin_a, org_a, "Near", "x")
    SessionFactory(opportunity=near, site=leeds)
    far = _listing(admin_a, org_a, "Far", "x")
    SessionFactory(opportunity=far, site=halifax)
    assert _titles(Criteria(postcode="LS2 7EE", within_km=5)) == ["Near"]
    assert _titles(Criteria(postcode="LS2 7EE", within_km=50)) == ["Near", "Far"]
    assert _titles(Criteria(postcode="HX1 1AA", within_km=None)) == ["Far", "Near"]


def test_a_session_at_a_venue_postcode_is_found_near_it_with_its_distance(admin_a, org_a):
    # A session at a venue (not one of the provider's sites) used to be invisible to "near me".
    geography.load_demo_postcodes()
    halifax = SiteFactory(organisation=org_a, postcode="HX1 5QN")
    listing = _listing(admin_a, org_a, "Moving and handling", "x")
    SessionFactory(opportunity=listing, site=halifax)
    SessionFactory(opportunity=listing, site=None, venue="Church hall", venue_postcode="LS6 3HN")
    found = list(search(Criteria(postcode="LS6 1AA", within_km=5)))
    assert [o.title for o in found] == ["Moving and handling"]
    assert found[0].distance_sq < 1.0  # the LS6 venue, not the Halifax site 20 km away


def test_a_postcode_district_is_accepted_and_an_unplaced_session_is_placed_later(
    client, admin_a, org_a
):
    listing = _listing(admin_a, org_a, "Fire safety", "x")
    session = SessionFactory(opportunity=listing, venue="Hall", venue_postcode="LS6 3HN")
    assert session.latitude is None  # no postcode data yet
    geography.load_demo_postcodes()
    assert places.sessions_place() == 1
    body = client.get(reverse("learning:search"), {"postcode": "ls6"}).content.decode()
    assert "Fire safety" in body
    assert "0.0 km away" not in body and "Less than 0.1 km away" in body
    assert "Hall, LS6 3HN" in body


def _defaults_as_a_browser_sends_them(html: str) -> list[tuple[str, str]]:
    """The search form's fields as a browser submits them untouched: each select's selected
    option, else its first; text inputs empty; unticked boxes not at all."""
    form = html[html.index('<form method="get"') :]
    form = form[: form.index("</form>")]
    sent = []
    for name, body in re.findall(r'<select[^>]*name="(\w+)"[^>]*>(.*?)</select>', form, re.S):
        options = re.findall(r'<option value="([^"]*)"( selected)?', body)
        chosen = [v for v, selected in options if selected] or [options[0][0]]
        sent.append((name, chosen[0]))
    sent += [(name, "") for name in re.findall(r'<input[^>]*type="text"[^>]*name="(\w+)"', form)]
    return sent


def test_applying_the_filters_untouched_limits_nothing(client, admin_a, org_a, org_b):
    # The provider filter had no "any" choice: a browser sent the first provider, and every
    # "Apply filters" quietly showed that provider's learning only.
    _listing(admin_a, org_a, "Moving and handling at A", "x")
    _listing(admin_a, org_b, "Moving and handling at B", "x")
    page = client.get(reverse("learning:search")).content.decode()
    sent = _defaults_as_a_browser_sends_them(page)
    assert ("provider", "") in sent
    body = client.get(reverse("learning:search") + "?" + urlencode(sent)).content.decode()
    assert "2 results" in body


def test_applied_filters_are_listed_with_one_click_removal(client, admin_a, org_a, org_b):
    geography.load_demo_postcodes()
    listing = _listing(admin_a, org_a, "Moving and handling", "x")
    SessionFactory(opportunity=listing, venue="Hall", venue_postcode="LS6 3HN")
    query = {"provider": org_a.slug, "postcode": "LS6", "within": "10", "free": "on"}
    body = client.get(reverse("learning:search"), query).content.decode()
    assert f"filter </span>\N{LEFT SINGLE QUOTATION MARK}Provider: {org_a.name}" in body
    assert 'href="?postcode=LS6&amp;within=10&amp;free=on"' in body  # without the provider
    assert 'href="?provider=' + org_a.slug + '&amp;free=on"' in body  # no postcode, no distance
    assert "Filter and sort (4 applied)" in body


def test_audience_sector_matches_listings_for_everyone_or_that_sector(admin_a, org_a):
    _listing(admin_a, org_a, "For everyone", "x")
    _listing(admin_a, org_a, "For care homes", "x", audience_sectors=["adult_social_care"])
    _listing(admin_a, org_a, "For GPs", "x", audience_sectors=["gp_practice"])
    assert set(_titles(Criteria(sector="adult_social_care"))) == {"For everyone", "For care homes"}


def test_search_page_explains_no_results_and_bad_filters(client, admin_a, org_a):
    response = client.get(reverse("learning:search"), {"q": "zzzz"})
    assert "No learning matches your search" in response.content.decode()
    response = client.get(
        reverse("learning:search"), {"date_from": "2026-02-31", "postcode": "nope"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "date as a real date, like 2026-12-01" in body
    assert "Enter a UK postcode or its first part" in body


def test_an_unknown_postcode_is_explained_not_an_error(client):
    response = client.get(reverse("learning:search"), {"postcode": "ZE2 9XX"})
    assert "We do not know where this postcode is" in response.content.decode()


def test_feeds_list_the_searchs_results(client, admin_a, org_a):
    listing = _listing(admin_a, org_a, "Dementia friends", "x")
    SessionFactory(opportunity=listing)
    atom = client.get(reverse("learning:search_atom"), {"q": "dementia"})
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "<title>Dementia friends</title>" in atom.content.decode()
    ics = client.get(reverse("learning:search_ics"), {"q": "dementia"})
    assert ics["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Dementia friends" in ics.content.decode()


def test_results_page_is_paginated_and_keeps_the_query(client, admin_a):
    provider = OrganisationFactory()
    for n in range(25):
        _listing(admin_a, provider, f"Resilience session {n:02}", "Wellbeing.")
    body = client.get(
        reverse("learning:search"), {"q": "resilience", "sort": "title"}
    ).content.decode()
    assert "25 results" in body
    assert "q=resilience&amp;sort=title&amp;page=2" in body


def test_a_search_of_punctuation_alone_finds_nothing_rather_than_failing():
    response = Client().get("/api/v1/learning/opportunities?q=%3F.")
    assert response.status_code == 200
    assert response.json()["items"] == []


def _placed(listing, point, **fields):
    """A session of ``listing`` at ``point`` (latitude, longitude)."""
    session = SessionFactory(opportunity=listing, venue="Hall", **fields)
    Session.objects.filter(pk=session.pk).update(latitude=point[0], longitude=point[1])
    return session


def _north_of(point, km):
    return (point[0] + km / 111.195, point[1])


def test_nearest_first_reads_a_page_and_its_count_in_one_grouped_pass(
    django_assert_max_num_queries, org_a
):
    geography.load_demo_postcodes()
    origin = geography.locate("LS6")
    for n in range(25):  # listing n is n + 0.5 km away, with a farther session too
        listing = OpportunityFactory(organisation=org_a, title=f"Listing {n:02}")
        _placed(listing, _north_of(origin, n + 0.5))
        _placed(listing, _north_of(origin, n + 0.7))
    unseen = [
        OpportunityFactory(organisation=org_a, title="Draft", status="draft"),
        OpportunityFactory(organisation=org_a, title="Cancelled"),
    ]
    _placed(unseen[0], origin)
    _placed(unseen[1], origin, cancelled_at=timezone.now())
    found = search(Criteria(postcode="LS6", within_km=50))
    with django_assert_max_num_queries(2):  # the window with its count, then the listings
        assert found.count() == 25
        first = found[:20]
    assert [o.title for o in first] == [f"Listing {n:02}" for n in range(20)]
    assert [round(o.distance_sq**0.5, 1) for o in first[:3]] == [0.5, 1.5, 2.5]
    assert [o.title for o in found[20:40]] == [f"Listing {n:02}" for n in range(20, 25)]
    assert found[24].title == "Listing 24" and len(list(found)) == 25
    assert search(Criteria(postcode="LS6", within_km=10)).count() == 10
    assert search(Criteria(postcode="LS6", within_km=50, q="nothing like it")).count() == 0


def test_near_a_postcode_another_order_keeps_the_distance_and_its_limit(org_a):
    geography.load_demo_postcodes()
    origin = geography.locate("LS6")
    for title, km in [("Zebra crossing safety", 1), ("Anchor points", 3), ("Far away", 30)]:
        _placed(OpportunityFactory(organisation=org_a, title=title), _north_of(origin, km))
    found = list(search(Criteria(postcode="LS6", within_km=10, sort="title")))
    assert [(o.title, round(o.distance_sq**0.5)) for o in found] == [
        ("Anchor points", 3),
        ("Zebra crossing safety", 1),
    ]


def test_the_search_page_near_a_postcode_reads_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, org_a
):
    geography.load_demo_postcodes()
    origin = geography.locate("LS6")
    for n in range(30):
        _placed(
            OpportunityFactory(organisation=org_a, title=f"Listing {n:02}"), _north_of(origin, n)
        )
    with django_assert_max_num_queries(8):
        body = client.get(reverse("learning:search"), {"postcode": "LS6", "within": "50"}).text
    assert "30 results" in body
    assert body.index("Listing 00") < body.index("Listing 01") < body.index("Listing 19")
    assert "Listing 20" not in body and "19 km away" in body
