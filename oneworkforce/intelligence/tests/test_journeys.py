"""Browser journey: a newcomer imports the published files, compares the partnership's
organisations with their peers, and projects ten years with a retention scenario and a
new-roles scenario that warns of destabilisation (axe on every page)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.intelligence.models import Scenario, SocialCareWorkforce
from oneworkforce.partners.choices import PlaceKind, Sector
from oneworkforce.partners.tests.factories import (
    OrganisationFactory,
    PlaceFactory,
    partnership_admin,
)

from .shared_data import SICKNESS, TURNOVER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _import(page, label: str, path) -> None:
    page.goto("/intelligence/data/import/")
    assert_accessible(page)
    page.get_by_label(label).check()
    page.set_input_files("input[type=file]", str(path))
    submit(page, "Import")
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(f"{path.name} imported")


def _new_scenario(page, name: str) -> None:
    page.goto("/intelligence/scenarios/new/")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Years to project").fill("10")
    page.get_by_label("Simulation runs").fill("500")
    submit(page, "Save scenario")
    expect(page.locator("h1")).to_have_text(name)


def test_a_planner_imports_compares_and_projects_in_the_browser(page, live_server):
    system = PlaceFactory(name="West Yorkshire", kind=PlaceKind.SYSTEM, code="QWO")
    OrganisationFactory(
        name="Leeds Teaching Hospitals", ods_code="RR8", sector="nhs_acute", place=system
    )
    OrganisationFactory(
        name="Bradford Teaching Hospitals", ods_code="RAE", sector="nhs_acute", place=system
    )
    care = OrganisationFactory(name="Brightpath Home Care", sector=Sector.ADULT_SOCIAL_CARE)
    OrganisationFactory(name="Millbrook Primary Care Network", sector=Sector.PCN)
    SocialCareWorkforce.objects.create(
        organisation=care,
        period_start=dt.date(2025, 9, 1),
        job_role="Care worker",
        headcount=220,
        fte=Decimal("170"),
        leavers_last_12_months=66,
        starters_last_12_months=70,
        vacancies=12,
    )
    admin = partnership_admin(full_name="Sam Okafor")
    sign_in_as(page, admin, live_server.url)

    # The published files, imported in the browser
    _import(page, "Turnover benchmarking by staff group and organisation (CSV)", TURNOVER)
    _import(page, "Sickness absence rates, one month (CSV)", SICKNESS[0])
    page.goto("/intelligence/data/")
    expect(page.locator("table")).to_contain_text(TURNOVER.name)
    assert_accessible(page)

    # Our organisations against their peers, the ICS and England
    page.goto("/intelligence/turnover/")
    page.get_by_label("Staff group").select_option("Nurses & health visitors")
    submit(page, "Show figures")
    table = page.locator("table")
    expect(table).to_contain_text("Leeds Teaching Hospitals NHS Trust")
    expect(table).to_contain_text("Acute - Teaching")
    expect(page.locator("figure svg")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Leeds Teaching Hospitals NHS Trust").click()
    expect(page.locator("h1")).to_have_text("Leeds Teaching Hospitals NHS Trust")
    expect(page.get_by_text("Sickness absence month by month")).to_be_visible()
    assert_accessible(page)
    page.goto("/intelligence/")
    assert_accessible(page)

    # A retention scenario
    _new_scenario(page, "Retention push")
    assert_accessible(page)
    page.get_by_role("link", name="Add a change to test").click()
    assert_accessible(page)
    page.get_by_role("link", name="Change how many people leave (retention)").click()
    page.get_by_label("Name of the change").fill("Two points fewer nurses leave")
    page.get_by_label("Change in the yearly leaver rate, in percentage points").fill("-2")
    page.get_by_label("Nurses & health visitors").check()
    assert_accessible(page)
    submit(page, "Add this change")
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("has been added")
    expect(page.get_by_role("columnheader", name="Gap without changes")).to_be_visible()
    expect(page.get_by_text("Destabilisation warning")).to_have_count(0)
    assert_accessible(page)

    # A new-roles scenario that draws care workers away from home care
    _new_scenario(page, "Care coordinators in primary care")
    page.goto(f"{page.url}interventions/?type=new_role")
    page.get_by_label("Name of the change").fill("Care coordinators")
    page.get_by_label("Organisation that employs the new job role").select_option(
        label="Millbrook Primary Care Network"
    )
    page.get_by_label("Job role", exact=True).fill("Care coordinator")
    page.get_by_label("People recruited each month").fill("6")
    page.get_by_label("Recruited from (source 1): staff group").select_option("Care worker")
    page.get_by_label("Share of recruits from source 1, per cent").fill("60")
    assert_accessible(page)
    submit(page, "Add this change")
    expect(page.get_by_role("heading", name="Destabilisation warning").first).to_be_visible()
    expect(page.get_by_text("this scenario shrinks the sector Adult social care")).to_be_visible()
    expect(page.get_by_text("Where new-role recruits came from")).to_be_visible()
    assert_accessible(page)

    # Side by side, on the same random numbers
    page.goto("/intelligence/scenarios/")
    assert_accessible(page)
    page.get_by_label("Compare Retention push").check()
    page.get_by_label("Compare Care coordinators in primary care").check()
    submit(page, "Compare the ticked scenarios")
    expect(page.locator("h1")).to_have_text("Compare scenarios")
    expect(page.locator("table")).to_contain_text("Retention push")
    expect(page.locator("table")).to_contain_text("Care coordinators in primary care")
    assert_accessible(page)
    assert Scenario.objects.count() == 2
