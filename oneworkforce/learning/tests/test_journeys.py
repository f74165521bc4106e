"""Browser journeys through the learning portal (axe-core on every page)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.learning.bookings import services as booking_services
from oneworkforce.learning.models import Completion, Kind, Requirement, Session
from oneworkforce.partners.choices import Role, Sector
from oneworkforce.partners.models import User
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RoleGrantFactory,
    SiteFactory,
    UserFactory,
)

from .factories import CompletionFactory, JobRoleFactory, OpportunityFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _admin_of(organisation, name: str) -> User:
    admin = UserFactory(full_name=name)
    RoleGrantFactory(user=admin, role=Role.PARTNER_ADMIN, organisation=organisation)
    return admin


def test_a_newcomer_books_waits_is_offered_a_place_attends_and_gets_a_certificate(
    page, live_server
):
    # Given a care provider's full dementia session, and someone already holding its one place
    provider = OrganisationFactory(name="Brightpath Home Care", sector=Sector.ADULT_SOCIAL_CARE)
    site = SiteFactory(organisation=provider, name="Millbrook Hub", postcode="BD3 9HH")
    listing = OpportunityFactory(
        organisation=provider, title="Dementia awareness", kind=Kind.IN_PERSON
    )
    listing.requirements.add(Requirement.objects.get(code="oliver-mcgowan-tier-1"))
    session = SessionFactory(opportunity=listing, capacity=1, site=site)
    first = UserFactory()
    first_booking = booking_services.booking_create(actor=first, session_id=session.pk)
    admin = _admin_of(provider, "Tom Brennan")

    # When a visitor searches the catalogue without signing in
    page.goto("/learning/")
    assert_accessible(page)
    page.get_by_label("Search learning").fill("dementia")
    submit(page, "Search")
    expect(page.get_by_role("heading", level=1)).to_contain_text("dementia")
    assert_accessible(page)
    page.get_by_role("link", name="Dementia awareness").click()

    # Then the listing says it is full and that any e-mail address can book
    expect(page.get_by_text("Full: you can join the waiting list")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sign in to book").click()

    # When they sign in with an ordinary e-mail address
    address = "sam.rivers@example.com"
    page.get_by_label("E-mail address").fill(address)
    submit(page, "Send me a sign-in link")
    link = re.search(r"https?://\S+/accounts/sign-in/link/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    submit(page, "Continue")
    page.wait_for_load_state("load")
    newcomer = User.objects.get(email=address)

    # And join the waiting list
    page.goto(f"/learning/o/{listing.slug}/")
    submit(page, "Join the waiting list")

    # Then my learning shows their place in the queue
    page.wait_for_url("**/learning/my/")
    expect(page.get_by_text("Waiting list: number 1")).to_be_visible()
    assert_accessible(page)

    # When the person holding the place cancels
    booking_services.booking_cancel(actor=first, booking_id=first_booking.pk)

    # Then the newcomer is offered the place, and accepts it
    assert mail.outbox[-1].to == [address]
    assert "A place is free" in mail.outbox[-1].subject
    page.reload()
    expect(page.get_by_role("heading", name="Places offered to you")).to_be_visible()
    assert_accessible(page)
    submit(page, "Accept the place")
    expect(page.get_by_text("You have accepted the place.")).to_be_visible()
    expect(page.get_by_text("Booked", exact=True)).to_be_visible()
    assert_accessible(page)

    # When the session has happened and the provider marks who came
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=4),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    page.context.clear_cookies()
    sign_in_as(page, admin, live_server.url)
    page.goto(f"/learning/manage/{provider.slug}/sessions/{session.pk}/")
    assert_accessible(page)
    page.get_by_role("group", name=newcomer.display_name).get_by_label("Attended").check()
    submit(page, "Save attendance")
    expect(page.get_by_text("Attendance saved for 1 people.")).to_be_visible()

    # Then the newcomer downloads a certificate whose code anyone can check
    page.context.clear_cookies()
    sign_in_as(page, newcomer, live_server.url)
    page.goto("/learning/my/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download certificate for Dementia awareness").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    code = Completion.objects.get(learner=newcomer).certificate_code
    page.context.clear_cookies()
    page.goto("/learning/verify")
    assert_accessible(page)
    page.get_by_label("Certificate code").fill(code.lower())
    submit(page, "Check")
    expect(page.get_by_role("heading", level=1)).to_have_text("This certificate is valid")
    assert_accessible(page)


def test_a_provider_lists_learning_and_a_partner_accepts_another_partners_training(
    page, live_server
):
    # Given a trust, a care home with a job role needing fire safety, and a care worker who did
    # the trust's fire safety course
    trust = OrganisationFactory(name="Airedale Hospital", sector=Sector.NHS_ACUTE)
    care_home = OrganisationFactory(name="Heatherlea Care Home", sector=Sector.ADULT_SOCIAL_CARE)
    fire = Requirement.objects.get(code="cstf-fire-safety-1")
    worker = UserFactory(full_name="Jordan Ellis")
    AffiliationFactory(user=worker, organisation=care_home, status="confirmed")
    CompletionFactory(
        learner=worker,
        opportunity=OpportunityFactory(organisation=trust, title="Fire safety"),
        requirements=[fire],
    )
    job_role = JobRoleFactory(organisation=care_home, name="Care worker")
    job_role.requirements.add(fire)
    job_role.members.add(worker)
    trust_admin = _admin_of(trust, "Priya Shah")
    care_admin = _admin_of(care_home, "Tom Brennan")

    # When the trust's admin writes a listing in NHS-only words
    sign_in_as(page, trust_admin, live_server.url)
    page.goto(f"/learning/manage/{trust.slug}/")
    assert_accessible(page)
    page.get_by_role("link", name="Add a listing").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Preceptorship for Band 5 nurses")
    page.get_by_label("In-person session").check()
    page.get_by_label("What people will learn").fill("Support in your first year as a nurse.")
    page.get_by_label("Who can take this").fill("Trust staff only")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill(str(timezone.localdate().year + 1))
    submit(page, "Save")

    # Then it is saved as a draft with suggestions for wording everyone understands
    expect(page.get_by_role("heading", name="Check the wording")).to_be_visible()
    assert_accessible(page)

    # When they add a date and publish it
    page.get_by_role("link", name="Add a date").click()
    day = timezone.localdate() + dt.timedelta(days=20)
    page.get_by_label("Day", exact=True).first.fill(str(day.day))
    page.get_by_label("Month", exact=True).first.fill(str(day.month))
    page.get_by_label("Year", exact=True).first.fill(str(day.year))
    page.get_by_label("Start time").fill("09:30")
    page.get_by_label("End time").fill("12:30")
    page.get_by_label("Venue, if not one of your sites").fill("Education centre")
    page.get_by_label("Places").fill("12")
    submit(page, "Add the date")
    assert_accessible(page)
    submit(page, "Publish")
    expect(page.get_by_text("The listing is published")).to_be_visible()

    # Then anyone finds it
    page.context.clear_cookies()
    page.goto("/learning/search?q=preceptorship")
    expect(page.get_by_role("link", name="Preceptorship for Band 5 nurses")).to_be_visible()

    # When the care home accepts the trust's training
    sign_in_as(page, care_admin, live_server.url)
    page.goto(f"/learning/manage/{care_home.slug}/compliance/")
    expect(page.get_by_text("0 of 1 people up to date")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change which partners you accept").click()
    assert_accessible(page)
    page.get_by_label("Airedale Hospital").check()
    submit(page, "Save")

    # Then the care worker is up to date without repeating it
    expect(page.get_by_text("1 of 1 people up to date")).to_be_visible()
    page.context.clear_cookies()
    sign_in_as(page, worker, live_server.url)
    page.goto("/learning/my/")
    expect(page.get_by_text("Care worker at Heatherlea Care Home: up to date")).to_be_visible()
    assert_accessible(page)
