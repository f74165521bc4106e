"""Browser journey: the lead employer's admin adds an employed person to an agreement, and the
primary care network's report shows them (axe-core on every page)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.deployments.employ import services as employ
from oneworkforce.deployments.models import FundingSource
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import OrganisationFactory, partner_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lead_employer_adds_a_person_and_the_pcn_report_shows_them(page, live_server):
    # Given a community trust's agreement with a primary care network, two care coordinator
    # posts agreed and two GP practices
    trust = OrganisationFactory(name="Westdale Community Trust", sector=Sector.NHS_COMMUNITY)
    pcn = OrganisationFactory(name="Millbrook Primary Care Network", sector=Sector.PCN)
    OrganisationFactory(name="Millbrook Surgery", sector=Sector.GP_PRACTICE)
    OrganisationFactory(name="Hollins Lane Practice", sector=Sector.GP_PRACTICE)
    admin = partner_admin(trust, full_name="Nadia Quinn")
    agreement = employ.agreement_save(
        actor=admin,
        name="Primary care additional roles",
        lead_employer=trust,
        pcns=[pcn],
        funding=FundingSource.ARRS,
        hr_services="Payroll, recruitment and appraisal",
        service_level="A report to the network every quarter",
        starts_on=dt.date(2025, 4, 1),
    )
    employ.agreed_post_save(
        actor=admin, agreement=agreement, pcn=pcn, job_title="Care coordinator", number=2
    )
    sign_in_as(page, admin, live_server.url)

    # When the trust's admin opens the agreement from the list
    page.goto("/deployments/employ/")
    assert_accessible(page)
    page.get_by_role("link", name="Primary care additional roles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Primary care additional roles")
    expect(page.get_by_text("Additional Roles Reimbursement Scheme").first).to_be_visible()
    assert_accessible(page)

    # And adds a care coordinator based at one practice who also visits another
    page.get_by_role("link", name="Add an employed person").click()
    assert_accessible(page)
    page.get_by_label("Full name").fill("Aisha Rahman")
    page.get_by_label("Primary care network they work for").select_option(label=pcn.name)
    page.get_by_label("Job title").select_option("Care coordinator")
    page.get_by_label("Base practice").select_option(label="Millbrook Surgery")
    submit(page, "Add the person")

    # Then a missing practice is named, and nothing is saved
    expect(page.get_by_role("alert")).to_contain_text("Choose the practices the person works at")
    assert_accessible(page)
    page.get_by_label("Millbrook Surgery").check()
    page.get_by_label("Hollins Lane Practice").check()
    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("5")
    start.get_by_label("Year").fill("2025")
    submit(page, "Add the person")

    # Then the agreement lists them
    expect(page.get_by_text("The employed person has been added.")).to_be_visible()
    expect(page.get_by_role("cell", name="Aisha Rahman")).to_be_visible()
    assert_accessible(page)

    # And the network's report counts them in post, with one vacancy, and names both practices
    page.get_by_role("link", name=pcn.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(pcn.name)
    posts = page.get_by_role("table", name="Posts agreed, staff in post and vacancies")
    expect(posts.get_by_role("row", name="Care coordinator")).to_contain_text("2")
    practices = page.get_by_role("table", name="Staff in post at each practice")
    expect(practices.get_by_role("row", name="Millbrook Surgery")).to_contain_text("1")
    expect(practices.get_by_role("row", name="Hollins Lane Practice")).to_be_visible()
    expect(page.get_by_role("cell", name="Aisha Rahman")).to_be_visible()
    assert_accessible(page)
