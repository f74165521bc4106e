"""Browser journey (axe-core on every page): a person answers a campaign's QR-code form; the
talent coordinator records support and a qualification, puts them forward, and moves the
application through screening, interview and a conditional offer to a start; a year later the
employer confirms the 6- and 12-month checkpoints; the outcomes dashboard changes at each step.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import (
    OrganisationFactory,
    partner_admin,
    talent_coordinator,
)
from oneworkforce.talent.tests.factories import CampaignFactory, VacancyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page, group: str, day: dt.date) -> None:
    fields = page.get_by_role("group", name=group)
    fields.get_by_label("Day").fill(str(day.day))
    fields.get_by_label("Month").fill(str(day.month))
    fields.get_by_label("Year").fill(str(day.year))


def _figure(page, label: str):
    return page.locator(f'[data-figure="{label}"]')


def _move(page, step: str) -> None:
    page.get_by_role("radio", name=step, exact=True).check()
    submit(page, "Save the next step")
    expect(page.get_by_text("The application has moved on.")).to_be_visible()


def test_from_a_qr_code_form_to_twelve_months_in_work(page, live_server):
    # Given a campaign in Harehills, a home care provider with a vacancy, a college, a coordinator
    employer = OrganisationFactory(name="Brightpath Home Care", sector=Sector.ADULT_SOCIAL_CARE)
    council = OrganisationFactory(name="Westdale Council", sector=Sector.LOCAL_AUTHORITY)
    campaign = CampaignFactory(name="Jobs in care: Harehills", community="Harehills")
    VacancyFactory(organisation=employer, title="Home care worker", postcode="LS11 5AB")
    coordinator = talent_coordinator(full_name="Sam Okafor")
    employer_admin = partner_admin(employer, full_name="Tom Brennan")
    today = timezone.localdate()

    # When a person scans the campaign's QR code and fills in the short form
    page.goto(f"/talent/join/{campaign.code}")
    assert_accessible(page)
    page.get_by_label("Your name").fill("Amina Yusuf")
    page.get_by_label("Email address").fill("amina.yusuf@example.net")
    page.get_by_label("Home postcode").fill("LS9 7AB")
    page.get_by_label("I support or care for people directly").check()
    page.get_by_label("I am not working at the moment").check()
    page.get_by_label("Transport", exact=True).check()
    page.get_by_label("I agree to you holding what I have told you").check()
    page.get_by_label("I agree to the partnership holding my details").check()
    submit(page, "Send")
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert_accessible(page)

    # Then the coordinator's dashboard counts them as engaged, not yet in work
    sign_in_as(page, coordinator, live_server.url)
    page.goto("/talent/outcomes/")
    expect(_figure(page, "People engaged")).to_have_text("1")
    expect(_figure(page, "People supported into work")).to_have_text("0")
    expect(_figure(page, "Still in work at 12 months")).to_have_text("\u2013")
    assert_accessible(page)

    # When the coordinator opens their record, which shows the barrier they gave
    page.goto("/talent/candidates/")
    assert_accessible(page)
    page.get_by_role("link", name="Amina Yusuf").click()
    expect(page.get_by_role("cell", name="Transport")).to_be_visible()
    assert_accessible(page)

    # And records a travel pass from the council that removed the transport barrier
    page.get_by_role("link", name="Add support").click()
    page.get_by_label("Support given").select_option(label="Travel pass or help with travel costs")
    page.get_by_label("Barrier it helps with").select_option(label="Transport")
    page.get_by_label("Partner giving the support").select_option(label=council.name)
    _fill_date(page, "Start date", today)
    _fill_date(page, "End date (optional)", today)
    page.get_by_role("radio", name="Completed").check()
    assert_accessible(page)
    submit(page, "Save")
    expect(page.get_by_text("The support has been saved.")).to_be_visible()

    # And an accredited qualification
    page.get_by_role("link", name="Add a qualification").click()
    page.get_by_label("Qualification", exact=True).select_option(label="Care Certificate")
    page.get_by_role("radio", name="Achieved").check()
    submit(page, "Save")
    expect(page.get_by_role("alert")).to_contain_text("Enter the date it was achieved")
    assert_accessible(page)
    _fill_date(page, "Date achieved (if achieved)", today)
    submit(page, "Save")
    expect(page.get_by_role("cell", name="Care Certificate")).to_be_visible()

    # And puts them forward for the home care vacancy
    page.get_by_role("link", name="Put forward for vacancies").click()
    assert_accessible(page)
    page.get_by_label("Home care worker, Brightpath Home Care").check()
    submit(page, "Put forward")
    page.get_by_role("link", name="Home care worker").click()
    assert_accessible(page)

    # Then starting straight away is not offered, and the path is followed step by step
    expect(page.get_by_role("radio", name="Started")).to_have_count(0)
    page.get_by_role("radio", name="Screened (record the values-based screening first)").check()
    submit(page, "Save the next step")
    expect(page.get_by_role("alert")).to_contain_text("Record the values-based screening")
    page.get_by_role("link", name="Record values-based screening").click()
    assert_accessible(page)
    for question in range(3):
        page.get_by_role("combobox").nth(question).select_option(label="Shown")
    submit(page, "Save the screening")
    expect(page.get_by_text("The screening has been recorded.")).to_be_visible()
    expect(page.get_by_role("cell", name="Shown", exact=True)).to_have_count(3)
    for step in ("Screened", "Put forward", "Interview"):
        _move(page, step)
    page.get_by_role("radio", name="Conditional offer").check()
    page.get_by_role("checkbox", name="References").check()
    submit(page, "Save the next step")
    expect(page.get_by_role("cell", name="Not yet")).to_be_visible()
    assert_accessible(page)

    # When the start is recorded before the references are in, it is refused
    page.get_by_role("radio", name="Started").check()
    _fill_date(page, "Start date (if they have started)", today)
    submit(page, "Save the next step")
    expect(page.get_by_role("alert")).to_contain_text("1 offer condition is not yet met")
    assert_accessible(page)

    # And once the references are recorded, the start goes through
    _fill_date(page, "References: date completed", today)
    submit(page, "Record References as done")
    page.get_by_role("radio", name="Started").check()
    _fill_date(page, "Start date (if they have started)", today)
    submit(page, "Save the next step")
    expect(page.get_by_text("The application has moved on.")).to_be_visible()
    expect(page.get_by_role("table", name="Checkpoints after the start")).to_be_visible()
    assert_accessible(page)

    # Then the dashboard counts one person into work, previously out of work
    page.goto("/talent/outcomes/")
    expect(_figure(page, "People supported into work")).to_have_text("1")
    expect(_figure(page, "Of them, previously out of work")).to_have_text("100%")
    expect(_figure(page, "Accredited qualifications achieved")).to_have_text("1")

    # When a year has passed, the employer confirms both checkpoints
    with time_machine.travel(timezone.now() + dt.timedelta(days=370), tick=True):
        page.context.clear_cookies()
        sign_in_as(page, employer_admin, live_server.url)
        page.goto("/talent/work/")
        expect(page.get_by_role("heading", name="Overdue (2)")).to_be_visible()
        assert_accessible(page)
        for months in (6, 12):
            page.get_by_role("link", name=f"{months}-month checkpoint: Home care worker").click()
            assert_accessible(page)
            page.get_by_role("radio", name="Still in post").check()
            submit(page, "Record the checkpoint")
            expect(
                page.get_by_text(f"The {months}-month checkpoint has been recorded.")
            ).to_be_visible()
            page.goto("/talent/work/")

        # Then the dashboard shows them still in work at 6 and 12 months
        page.goto("/talent/outcomes/")
        expect(_figure(page, "Still in work at 6 months")).to_have_text("100%")
        expect(_figure(page, "Still in work at 12 months")).to_have_text("100%")
        assert_accessible(page)
