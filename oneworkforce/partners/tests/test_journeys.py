"""Browser journeys for the partnership, each page checked with axe (zero violations)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.partners.choices import AffiliationStatus, Sector
from oneworkforce.partners.models import Affiliation, User
from oneworkforce.partners.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_browses_partners_and_a_framework_without_signing_in(page):
    # Given a partnership with partners of different sectors and a framework two of them signed
    trust = factories.OrganisationFactory(name="Airedale Hospital Trust", sector=Sector.NHS_ACUTE)
    care = factories.OrganisationFactory(name="Airedale Home Care", sector=Sector.ADULT_SOCIAL_CARE)
    factories.SiteFactory(organisation=care, name="Airedale Office", postcode="BD20 6TD")
    factories.OrganisationFactory(name="Westdale College", sector=Sector.EDUCATION)
    framework = factories.FrameworkFactory(name="Staff Portability Framework")
    factories.SignatoryFactory(framework=framework, organisation=trust)
    factories.SignatoryFactory(framework=framework, organisation=care)

    # When a visitor opens the home page and goes to the directory
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Partners", exact=True).first.click()
    page.wait_for_url("**/partners/")
    assert_accessible(page)

    # And searches by name and filters by a sector
    page.get_by_label("Search partners").fill("airedale")
    page.get_by_label("Adult social care provider").check()
    submit(page, "Search")
    page.wait_for_url(re.compile(r".*q=airedale.*sector=adult_social_care.*"))

    # Then only the partner matching both is listed
    expect(page.locator("main h3 a")).to_have_text(["Airedale Home Care"])
    assert_accessible(page)

    # When they open that partner's page
    page.get_by_role("link", name="Airedale Home Care").click()

    # Then it shows its sites and the frameworks it signed
    expect(page.get_by_role("heading", level=1)).to_have_text("Airedale Home Care")
    expect(page.get_by_text("BD20 6TD")).to_be_visible()
    assert_accessible(page)

    # When they open the framework
    page.get_by_role("link", name="Staff Portability Framework").click()

    # Then it lists its signatories with their count
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff Portability Framework")
    expect(page.locator("#signatory-count")).to_have_text("2 organisations have signed")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Airedale Home Care")
    expect(table).to_contain_text("Airedale Hospital Trust")
    assert_accessible(page)


def test_someone_without_an_nhs_address_signs_up_and_signs_in_by_link(page):
    # Given a volunteer with an ordinary (not nhs.uk) e-mail address and no account
    address = "volunteer@example.com"

    # When they ask for a sign-in link
    page.goto("/accounts/sign-in/")
    assert_accessible(page)
    page.get_by_label("E-mail address").fill(address)
    submit(page, "Send me a sign-in link")

    # Then they are told to check their e-mail, and the link is sent to them
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page)
    assert mail.outbox[-1].to == [address]
    link = re.search(r"https?://\S+/accounts/sign-in/link/\S+/", mail.outbox[-1].body).group(0)

    # When they open the link and continue
    page.goto(link)
    assert_accessible(page)
    submit(page, "Continue")

    # Then they have an account and land on their profile
    page.wait_for_url("**/accounts/profile/")
    assert User.objects.filter(email=address).exists()
    assert_accessible(page)

    # When they save the profile empty
    submit(page, "Save your profile")

    # Then an error summary is shown and focused, and each error links to its field
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: ")
    name_error = summary.get_by_role("link", name="Enter your name")
    name_error.click()
    expect(page.get_by_label("Your name")).to_be_focused()
    expect(summary.get_by_role("link", name="Select where you work")).to_have_count(1)
    assert_accessible(page)

    # When they fill in their name and choose answers in their own words
    page.get_by_label("Your name").fill("Robin Volunteer")
    page.get_by_label("Volunteering").check()
    page.get_by_label("Voluntary or community organisation").check()
    page.get_by_label("I volunteer in health or care").check()
    submit(page, "Save your profile")

    # Then they see their account
    page.wait_for_url("**/accounts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_text("Robin Volunteer").first).to_be_visible()
    assert_accessible(page)

    # When the same link is opened again, in a browser that is not signed in
    page.context.clear_cookies()
    page.goto(link)

    # Then it is refused as already used
    expect(page.locator("#link-problem")).to_contain_text("already been used")
    assert_accessible(page)


def test_a_partner_admin_confirms_someone_who_works_there(page, live_server):
    # Given a care worker waiting to be confirmed by their employer's partner admin
    employer = factories.OrganisationFactory(name="Brightpath Home Care")
    worker = factories.UserFactory(full_name="Jordan Ellis", email="jordan@example.net")
    affiliation = factories.AffiliationFactory(
        user=worker, organisation=employer, job_title="Care worker"
    )
    assert affiliation.status == AffiliationStatus.PENDING
    admin = factories.partner_admin(employer, full_name="Tom Brennan")
    sign_in_as(page, admin, live_server.url)

    # When the admin opens the people page and chooses to confirm or decline the worker
    page.goto(f"/partners/{employer.slug}/people/")
    expect(page.get_by_role("table", name="Confirmed people")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Confirm or decline Jordan Ellis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Jordan Ellis")
    assert_accessible(page)

    # And saves without choosing, then gets an error
    submit(page, "Save decision")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)

    # And then picks "Yes, confirm" and saves
    page.get_by_label("Yes, confirm").check()
    submit(page, "Save decision")

    # Then the worker is listed under Confirmed, nobody is waiting, and the decision is audited
    page.wait_for_url(f"**/partners/{employer.slug}/people/")
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Jordan Ellis is confirmed.")
    expect(page.get_by_role("heading", name="Confirmed (1)")).to_be_visible()
    expect(page.get_by_role("table", name="Confirmed people")).to_contain_text("Jordan Ellis")
    expect(page.get_by_text("Nobody is waiting.")).to_be_visible()
    assert_accessible(page)
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.CONFIRMED
    assert AuditEvent.objects.filter(
        action="affiliation.confirmed", object_id=str(affiliation.pk), actor=admin
    ).exists()
    assert Affiliation.objects.get(pk=affiliation.pk).decided_by == admin
