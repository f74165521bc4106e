"""Browser journeys (axe-core on every page, a phone's width for the visitor): a visitor finds a
care job near a postcode, reads where it can lead and which learning helps, and applies; the
talent coordinator sees the application in the pipeline with its source and the veteran's
guaranteed interview; a partnership admin sees school coverage and the veterans' figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from oneworkforce.careers.schools.services import schools_import
from oneworkforce.core.models import PostcodeLocation
from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import (
    OrganisationFactory,
    partnership_admin,
    talent_coordinator,
)
from oneworkforce.talent.pipeline.services import vacancy_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _located() -> None:
    for code, lat, lon in (
        ("LS1 4AP", 53.7965, -1.5478),
        ("LS9 7AB", 53.7990, -1.5020),
        ("BD1 1HY", 53.7950, -1.7520),
    ):
        PostcodeLocation.objects.create(
            postcode=code, outward_code=code.split()[0], latitude=lat, longitude=lon
        )


def test_a_visitor_on_a_phone_finds_a_care_job_near_them_and_applies(page, live_server):
    # Given a home care provider with a job near LS1 and another in Bradford, and a coordinator
    _located()
    care = OrganisationFactory(name="Brightpath Home Care", sector=Sector.ADULT_SOCIAL_CARE)
    for title, postcode in (("Home care worker", "LS9 7AB"), ("Home care worker", "BD1 1HY")):
        vacancy_save(
            actor=None,
            organisation=care,
            title=title,
            job_family="care_support",
            work_area="social_care",
            postcode=postcode,
            board={
                "pay_low": Decimal("12.60"),
                "pay_high": Decimal("13.40"),
                "pay_unit": "hour",
                "career_role": "care-worker",
                "training_given": True,
                "essential_criteria": "A full UK driving licence",
            },
        )
    coordinator = talent_coordinator(full_name="Sam Okafor")
    page.set_viewport_size(PHONE)

    # When a visitor on a phone searches from the front door for care jobs near LS1 4AP
    page.goto("/")
    assert_accessible(page)
    page.get_by_label("Job title or employer").fill("care")
    page.get_by_label("Near a postcode or district").fill("ls1 4ap")
    submit(page, "Search jobs")
    assert_accessible(page)

    # Then only the near job is listed, with its distance and pay both ways
    expect(page.get_by_role("status")).to_have_text("1 job. Page 1 of 1.")
    expect(page.get_by_text("3.0 km away")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # When they open it, it says where the role can lead; the role's page names the learning
    page.get_by_role("link", name="Home care worker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Home care worker")
    expect(page.get_by_text("£12.60 to £13.40 an hour")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("link", name="Senior care worker")).to_be_visible()
    page.get_by_role(
        "link", name="Ways in, pay across sectors and learning that leads there"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Care and support worker")
    expect(
        page.get_by_role("link", name="Search the learning portal for “care certificate”")
    ).to_be_visible()
    assert_accessible(page)
    page.go_back()

    # And they apply, saying they served in the armed forces and meet the essentials
    page.get_by_role("link", name="Apply for this job").first.click()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Dan Whitaker")
    page.get_by_label("Email address").fill("dan@example")
    page.get_by_label("I agree to the partnership holding my details").check()
    submit(page, "Send my application")
    expect(
        page.get_by_role("link", name="Enter an email address, like name@example.com")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email address").fill("dan.whitaker@example.net")
    page.get_by_label("I have served in the armed forces").check()
    page.get_by_label("I have what the advert says is essential").check()
    page.get_by_label("I agree to the partnership holding my details").check()
    submit(page, "Send my application")
    expect(page.get_by_text("Application sent")).to_be_visible()
    assert_accessible(page)

    # Then the coordinator sees it on the work list, flagged, and its source on its page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_as(page, coordinator, live_server.url)
    page.goto("/talent/work/")
    expect(page.get_by_text("Guaranteed interview")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Interested: Home care worker, Brightpath Home Care").click()
    expect(page.get_by_text("Job board", exact=True)).to_be_visible()
    expect(
        page.get_by_text("Served, and meets the essential criteria: guaranteed an interview")
    ).to_be_visible()
    assert_accessible(page)


def test_a_partnership_admin_sees_school_coverage_and_veterans_interviews(page, live_server):
    # Given the register's schools and a partner to employ an ambassador
    with open(__file__.replace("tests/test_journeys.py", "data/demo_schools.csv"), "rb") as file:
        schools_import(data=file.read(), source="demo")
    OrganisationFactory(name="Heatherlea Care Home", sector=Sector.ADULT_SOCIAL_CARE)
    admin = partnership_admin(full_name="Jo Patel")
    sign_in_as(page, admin, live_server.url)

    # When the admin opens coverage: nothing is covered yet
    page.goto("/careers/schools/")
    expect(page.get_by_text("0 of 7 schools and colleges", exact=False)).to_be_visible()
    assert_accessible(page)

    # And adds an ambassador assigned to one school
    page.get_by_role("link", name="Add an ambassador").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Priya Sharma")
    page.get_by_label("Partner they work or volunteer for").select_option(
        label="Heatherlea Care Home"
    )
    page.get_by_label("Release days a year agreed by their employer").fill("4")
    page.get_by_label("Westdale High School (example)").check()
    submit(page, "Save")
    expect(page.get_by_text("Priya Sharma added to the ambassadors' register")).to_be_visible()

    # And records a visit there
    page.get_by_role("link", name="Record a visit or talk").click()
    page.get_by_label("School or college").select_option(label="Westdale High School (example)")
    from django.utils import timezone

    today = timezone.localdate()
    group = page.get_by_role("group", name="Date of the visit")
    group.get_by_label("Day").fill(str(today.day))
    group.get_by_label("Month").fill(str(today.month))
    group.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Priya Sharma").check()
    page.get_by_label("Year groups").fill("Years 10 and 11")
    page.get_by_label("How many pupils took part").fill("85")
    assert_accessible(page)
    submit(page, "Save")

    # Then coverage counts it and release days used show against agreed
    expect(page.get_by_text("1 of 7 schools and colleges", exact=False)).to_be_visible()
    expect(page.get_by_role("cell", name="0.5 days of 4 days")).to_be_visible()
    assert_accessible(page)

    # And the careers figures show the veterans' guaranteed interviews by sector
    page.goto("/careers/figures/")
    expect(page.get_by_role("rowheader", name="Guaranteed interviews")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    page.goto("/careers/schools/")
    assert_accessible(page)
