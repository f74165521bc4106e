"""Browser journeys: a learner enrols on a programme, completes its steps, follows their
progress and downloads the programme certificate; a provider attaches a recording and a file to
a past session and a learner who had a place opens them, while someone who did not cannot
(axe-core on every page, and at 390 px)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import (
    assert_accessible,
    assert_fits_a_phone,
    sign_in_as,
    submit,
)
from oneworkforce.learning.models import (
    Booking,
    BookingState,
    Completion,
    CompletionSource,
)
from oneworkforce.learning.records import services as record_services
from oneworkforce.partners.choices import Role, Sector
from oneworkforce.partners.tests.factories import (
    OrganisationFactory,
    RoleGrantFactory,
    UserFactory,
)

from .factories import CompletionFactory, OpportunityFactory, SessionFactory, care_certificate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4 handout for the session"


def test_a_learner_enrols_completes_the_steps_and_downloads_the_programme_certificate(
    page, live_server
):
    # Given a care provider's Care Certificate programme of two required e-learning steps
    _, admin, programme, steps = care_certificate()
    learner = UserFactory(full_name="Jordan Ellis")
    sign_in_as(page, learner, live_server.url)

    # When the learner finds it from a step's page and enrols
    page.goto(f"/learning/o/{steps[0].slug}/")
    page.get_by_role("link", name="Care Certificate: spring cohort").click()
    assert_accessible(page)
    submit(page, "Enrol on this programme")
    expect(page.get_by_text("You are enrolled on Care Certificate: spring cohort.")).to_be_visible()
    expect(page.get_by_text("0 of 2 steps needed are done (0%)")).to_be_visible()
    assert_accessible(page)

    # And tells the provider they completed the first step, which the provider verifies
    page.get_by_role("link", name="Duty of care").click()
    page.get_by_role("link", name="Tell the provider you completed it").click()
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("How can the provider check it?").fill("Certificate number DC-5521")
    submit(page, "Send to the provider")
    record_services.completion_decide(
        actor=admin, completion=Completion.objects.get(learner=learner), verify=True
    )

    # Then the programme shows the step done and half the way
    page.goto(f"/learning/programmes/{programme.slug}/")
    expect(page.get_by_text("1 of 2 steps needed are done (50%)")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "50")
    expect(page.get_by_text("Done", exact=True)).to_be_visible()
    expect(page.get_by_text("To do", exact=True)).to_be_visible()
    expect(
        page.get_by_role("link", name="Download your programme certificate (PDF)")
    ).to_have_count(0)
    assert_fits_a_phone(page)

    # When the second step arrives from the provider's learning system
    CompletionFactory(learner=learner, opportunity=steps[1], source=CompletionSource.PARTNER_SYSTEM)
    page.reload()
    expect(page.get_by_text("2 of 2 steps needed are done (100%)")).to_be_visible()
    assert_accessible(page)

    # Then they download the certificate for the whole programme and its code checks out
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your programme certificate (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    page.get_by_role("link", name="its check page").click()
    expect(
        page.get_by_role("heading", name="This programme certificate is genuine")
    ).to_be_visible()
    expect(page.get_by_text("Care Certificate: spring cohort")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_phone(page)


def test_a_provider_attaches_a_recording_and_a_booked_learner_opens_it(page, live_server):
    # Given a trust's past session with one person who had a place and one who did not
    trust = OrganisationFactory(name="Westdale Teaching Hospitals", sector=Sector.NHS_ACUTE)
    admin = UserFactory(full_name="Priya Shah")
    RoleGrantFactory(user=admin, role=Role.PARTNER_ADMIN, organisation=trust)
    listing = OpportunityFactory(
        organisation=trust,
        title="Sepsis: spotting it early",
        who_can_take="Registered staff and care workers in the partnership.",
    )
    start = timezone.now() - dt.timedelta(days=2)
    session = SessionFactory(
        opportunity=listing, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    came, other = UserFactory(full_name="Jordan Ellis"), UserFactory(full_name="Sam Other")
    Booking.objects.create(session=session, learner=came, state=BookingState.BOOKED)
    sign_in_as(page, admin, live_server.url)

    # When the provider adds a link with a wrong address, it is refused on the field
    page.goto(f"/learning/manage/{trust.slug}/sessions/{session.pk}/")
    page.get_by_role("link", name="Recordings and materials for this session").click()
    assert_accessible(page)
    expect(page.get_by_label("Who can use this")).to_have_value(
        "Registered staff and care workers in the partnership."
    )
    page.get_by_label("Title").fill("Recording of the session")
    page.get_by_label("Link (optional)").fill("javascript:alert(1)")
    submit(page, "Add it")
    expect(
        page.get_by_text("Enter a web address starting https:// or http://").first
    ).to_be_visible()
    assert_accessible(page)

    # And then adds the recording's link with a handout, for those who had a place
    page.get_by_label("Link (optional)").fill("https://video.example.org/sepsis-12")
    page.get_by_label("File (optional)").set_input_files(
        {"name": "handout.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    submit(page, "Add it")
    expect(page.get_by_text("Recording of the session added.")).to_be_visible()
    assert_accessible(page)

    # Then the learner who had a place sees it on the listing and opens the handout
    sign_in_as(page, came, live_server.url)
    page.goto(f"/learning/o/{listing.slug}/")
    link = page.get_by_role("link", name="Recording of the session (link)")
    expect(link).to_have_attribute("href", "https://video.example.org/sepsis-12")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download handout.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    assert_accessible(page)
    assert_fits_a_phone(page)
    file_url = page.get_by_role("link", name="Download handout.pdf").get_attribute("href")

    # And someone who had no place sees nothing and cannot fetch the file
    sign_in_as(page, other, live_server.url)
    page.goto(f"/learning/o/{listing.slug}/")
    expect(page.get_by_text("Recording of the session")).to_have_count(0)
    response = page.request.get(file_url)
    assert response.status == 404
    assert PDF not in response.body()
