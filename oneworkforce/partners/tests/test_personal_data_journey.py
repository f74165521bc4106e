"""Browser journey: a person reads everything held about them, downloads it, then deletes
their account. Each page is checked with axe (zero violations)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.learning.bookings import services as learning
from oneworkforce.learning.tests.factories import SessionFactory
from oneworkforce.partners.models import User
from oneworkforce.partners.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_reads_downloads_and_deletes_their_data(page, live_server):
    # Given a person with a partner link and a booked place
    person = factories.UserFactory(full_name="Rowan Ashdown", email="rowan@example.net")
    organisation = factories.OrganisationFactory(name="Calder Care")
    factories.AffiliationFactory(user=person, organisation=organisation)
    session = SessionFactory(opportunity__title="Moving and handling")
    learning.booking_create(actor=person, session_id=session.pk)
    sign_in_as(page, person, live_server.url)

    # When they open their data from their account page
    page.goto("/accounts/")
    page.get_by_role("link", name="Download all the information we hold about you").click()
    page.wait_for_url("**/accounts/your-data/")

    # Then they read it as lists and tables
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    expect(page.get_by_role("cell", name="Moving and handling").first).to_be_visible()
    expect(page.get_by_text("Calder Care").first).to_be_visible()
    assert_accessible(page)

    # And the button gives them the whole record as a file
    with page.expect_download() as download:
        page.get_by_role("button", name="Download all your data").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["bookings"][0]["learning"] == "Moving and handling"
    assert AuditEvent.objects.filter(action="personal_data.downloaded").count() == 1

    # When they delete their account
    page.get_by_role("link", name="Delete your account").click()
    assert_accessible(page)
    submit(page, "Delete my account")

    # Then nothing holds their e-mail address any more
    expect(page.get_by_text("Your account and the information linked to it")).to_be_visible()
    assert not User.objects.filter(email="rowan@example.net").exists()
