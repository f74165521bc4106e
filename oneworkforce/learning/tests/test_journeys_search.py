"""Browser journey: a care worker on a phone finds a session near a postcode and sees how far it
is (axe-core on every page, at 390 px)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from oneworkforce.core import geography
from oneworkforce.core.tests.browser import assert_accessible, submit
from oneworkforce.learning.models import Kind
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import OrganisationFactory, SiteFactory

from .factories import OpportunityFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_a_care_worker_on_a_phone_finds_a_session_near_a_postcode_and_sees_how_far(page):
    # Given moving and handling at a Headingley church hall and at a Halifax site
    geography.load_demo_postcodes()
    carers = OrganisationFactory(name="Westdale Carers Together", sector=Sector.VCSE)
    trust = OrganisationFactory(name="Airedale Community Health", sector=Sector.NHS_COMMUNITY)
    halifax = SiteFactory(organisation=trust, name="Calder House", postcode="HX1 5QN")
    near = OpportunityFactory(
        organisation=carers, title="Moving and handling people", kind=Kind.IN_PERSON
    )
    SessionFactory(opportunity=near, venue="St Michael's hall", venue_postcode="LS6 3HN")
    far = OpportunityFactory(
        organisation=trust, title="Moving and handling refresher", kind=Kind.IN_PERSON
    )
    SessionFactory(opportunity=far, site=halifax, venue="")

    # When a care worker on a phone searches near their district
    page.set_viewport_size(PHONE)
    page.goto("/learning/search")
    assert_accessible(page)
    page.get_by_text("Filter and sort").click()
    page.get_by_label("Search", exact=True).fill("moving and handling")
    page.get_by_label("Near postcode").fill("ls6")
    submit(page, "Apply filters")

    # Then the results come first, nearest first, each saying how far it is
    assert_accessible(page)
    cards = page.locator(".nhsuk-card")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text("Moving and handling people")
    expect(cards.nth(0)).to_contain_text("km away")
    expect(cards.nth(0)).to_contain_text("St Michael's hall, LS6 3HN")
    expect(cards.nth(1)).to_contain_text("km away")
    first_card_top = cards.nth(0).bounding_box()["y"]
    assert first_card_top < PHONE["height"], "the first result is on the first screen"
    filters = page.locator("#filters")
    assert filters.evaluate("d => !d.open"), "the filters are folded away on a phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # When they remove the place filter in one click, every result comes back without distances
    page.get_by_role("link", name=re.compile("Remove filter .Near: LS6")).click()
    assert_accessible(page)
    expect(page.locator(".nhsuk-card")).to_have_count(2)
    expect(page.get_by_text("km away")).to_have_count(0)
