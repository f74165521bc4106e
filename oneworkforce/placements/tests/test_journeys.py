"""Browser journey for the issue's "done when": a university submits demand, partners
including a care home offer places, the coordinator allocates, a student reads why they are
placed where they are, records hours and evaluates the placement, and the partnership sees
capacity against demand by setting (axe-core on every page, and the student's page at phone
width)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import (
    assert_accessible,
    assert_fits_a_phone,
    sign_in_as,
    submit,
)
from oneworkforce.learning.models import Requirement
from oneworkforce.learning.records.compliance import add_months
from oneworkforce.learning.tests.factories import CompletionFactory, OpportunityFactory
from oneworkforce.partners.tests.factories import UserFactory

from ..models import (
    Evaluation,
    HoursEntry,
    LearningEnvironment,
    Offer,
    Placement,
    PlacementRequest,
    Student,
)
from . import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page, label, day):
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_demand_offers_allocation_why_here_hours_evaluation_and_capacity(page, live_server):
    today = timezone.localdate()
    # Given a block that started three weeks ago, a university's programme with three named
    # students, a hospital ward offering places and a care home that has not offered yet
    w = factories.world(
        students=3,
        starts_on=today - dt.timedelta(days=21),
        ends_on=today + dt.timedelta(days=60),
        request=False,
    )
    Offer.objects.filter(environment=w.home).delete()
    student = Student.objects.filter(programme=w.programme).order_by("reference").first()
    student.user = UserFactory(email="student-one@example.org", full_name="Student 1")
    student.save()

    # When the university's admin submits its demand for the block
    sign_in_as(page, w.uni_admin, live_server.url)
    page.goto(f"/placements/programmes/{w.programme.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Request placements in a block").click()
    page.get_by_label("Block").select_option(label="Autumn 2027")
    page.get_by_label("Number of students").fill("3")
    _fill_date(page, "Placement starts", today - dt.timedelta(days=14))
    _fill_date(page, "Placement ends", today + dt.timedelta(days=50))
    page.get_by_label("Practice hours each student needs").fill("300")
    submit(page, "Submit request")
    expect(page.get_by_text("Your request for places has been submitted.")).to_be_visible()
    assert_accessible(page)
    assert PlacementRequest.objects.get(programme=w.programme).students == 3

    # And the care home offers more places than it has, is told so, then offers what it can
    sign_in_as(page, w.home_admin, live_server.url)
    page.goto(f"/placements/environments/{w.home.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Offer places in a block").click()
    page.get_by_label("Block").select_option(label="Autumn 2027")
    page.get_by_label("Profession").select_option(label="Nursing")
    page.get_by_label("Places offered").fill("5")
    submit(page, "Offer places")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("offer at most 2")
    assert_accessible(page)
    page.get_by_label("Places offered").fill("2")
    submit(page, "Offer places")
    expect(page.get_by_text("Your offer of places has been recorded.")).to_be_visible()

    # And the coordinator runs the allocation
    sign_in_as(page, w.coordinator, live_server.url)
    page.goto("/placements/blocks/")
    assert_accessible(page)
    page.get_by_role("link", name="Autumn 2027").click()
    assert_accessible(page)
    submit(page, "Run the allocation")
    expect(page.get_by_text("Allocation run: 3 student(s) placed.")).to_be_visible()
    assert_accessible(page)
    assert Placement.objects.filter(block=w.block).count() == 3
    assert Placement.objects.filter(environment=w.home).count() == 2

    # Then the student reads why they are placed where they are, on a phone too
    mine = Placement.objects.get(student=student)
    sign_in_as(page, student.user, live_server.url)
    page.goto("/placements/")
    assert_accessible(page)
    page.get_by_role("link", name=mine.environment.name).click()
    expect(page.get_by_role("heading", name="Why here")).to_be_visible()
    expect(page.locator(".nhsuk-inset-text")).to_contain_text(mine.environment.name)
    expect(page.locator(".nhsuk-inset-text")).to_contain_text("from your home")
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    # And records a day's hours
    page.get_by_role("link", name="Record hours").click()
    _fill_date(page, "Day", today - dt.timedelta(days=7))
    page.get_by_label("Hours").fill("7.5")
    assert_accessible(page)
    submit(page, "Record hours")
    expect(page.get_by_text("Your hours have been recorded")).to_be_visible()
    expect(
        page.get_by_text("7.5 hours recorded, 0 confirmed by a supervisor, of 300 needed.")
    ).to_be_visible()
    assert HoursEntry.objects.get(placement=mine).hours == 7.5

    # And evaluates the placement
    page.get_by_role("link", name="Tell us about this placement").click()
    for question in (
        "I was welcomed and had an induction",
        "I had the supervision I needed",
        "I met my learning outcomes",
        "I would recommend this placement",
    ):
        page.get_by_role("group", name=question).get_by_label("4: good").check()
    assert_accessible(page)
    submit(page, "Send")
    expect(page.get_by_text("Thank you for telling us about your placement.")).to_be_visible()
    assert Evaluation.objects.get(placement=mine).recommend == 4

    # And the partnership sees capacity against demand by setting
    page.goto("/placements/capacity/")
    expect(page.get_by_role("heading", name="Placements by setting")).to_be_visible()
    care_home = page.get_by_role(
        "table", name="Share of placements outside hospitals the partnership is growing"
    ).get_by_role("row", name="Care home")
    expect(care_home).to_contain_text("2")
    expect(care_home).to_contain_text("66.7%")
    assert_accessible(page)


def test_a_partner_takes_a_supervisors_preparation_from_the_learning_record(page, live_server):
    # Given a care home's supervisor whose preparation course, run by the care home and valid
    # for two years, is verified in their learning record; and one recorded by hand
    w = factories.world()
    person = UserFactory(email="asha@example.org", full_name="Asha Patel")
    prepared = factories.supervisor(w.home_admin, w.home, email="asha@example.org")
    prepared.name = "Asha Patel"
    prepared.save()
    requirement = Requirement.objects.create(
        code="practice-supervisor-preparation",
        framework="local",
        subject="Practice supervisor and assessor preparation",
        validity_months=24,
    )
    completed = timezone.localdate() - dt.timedelta(days=700)
    CompletionFactory(
        learner=person,
        opportunity=OpportunityFactory(
            organisation=w.care_home, title="Practice supervisor and assessor preparation"
        ),
        completed_on=completed,
        requirements=[requirement],
    )

    # When the care home's admin uses the learning record for Asha
    sign_in_as(page, w.home_admin, live_server.url)
    page.goto(f"/placements/environments/{w.home.pk}/")
    expect(page.get_by_text("Recorded by hand").first).to_be_visible()
    page.get_by_role("link", name="Use their learning record for Asha Patel").click()
    assert_accessible(page)
    submit(page, "Use this learning")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Choose the learning that prepared them"
    )
    assert_accessible(page)
    page.get_by_label("Practice supervisor and assessor preparation (Oak House Care)").check()
    submit(page, "Use this learning")

    # Then her row shows the record as evidence with its date, and the refresher due soon
    expect(
        page.get_by_text("Asha Patel's preparation now comes from their learning record.")
    ).to_be_visible()
    row = page.get_by_role("row", name="Asha Patel")
    expect(row).to_contain_text("From the learning record: Oak House Care, certificate")
    due = add_months(completed, 24)
    expect(row).to_contain_text(f"Refresher due {due:%-d %b %Y}")
    assert_accessible(page)
    assert_fits_a_phone(page)
    prepared.refresh_from_db()
    assert prepared.refresh_due == due


def test_a_partner_adds_learning_environments_from_a_csv_file(page, live_server):
    # Given a care home's admin on their partner page
    w = factories.world()
    sign_in_as(page, w.home_admin, live_server.url)
    page.goto(f"/placements/partners/{w.care_home.slug}/")
    page.get_by_role("link", name="Add learning environments from a CSV file").click()
    assert_accessible(page)
    header = "name,setting,postcode,professions,years,places_per_block\n"

    # When they upload a file with two bad lines, each is named and nothing is added
    bad = header + "Lounge,care_home,LS1 4AP,nursing,1;2,3\nHall,castle,LS1 4AP,nursing,1,999\n"
    page.get_by_label("Learning environments (CSV)").set_input_files(
        {"name": "homes.csv", "mimeType": "text/csv", "buffer": bad.encode()}
    )
    submit(page, "Upload environments")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The file has 2 problem(s)")
    expect(page.get_by_text("Line 3: setting: 'castle' is not one of")).to_be_visible()
    expect(
        page.get_by_text("Line 3: places_per_block: '999' is not a whole number from 1 to 200")
    ).to_be_visible()
    assert_accessible(page)
    assert_fits_a_phone(page)
    assert not LearningEnvironment.objects.filter(name="Lounge").exists()

    # Then a corrected file adds both
    good = header + "Lounge,care_home,LS1 4AP,nursing,1;2,3\nHall,care_home,LS1 4AP,nursing,1,2\n"
    page.get_by_label("Learning environments (CSV)").set_input_files(
        {"name": "homes.csv", "mimeType": "text/csv", "buffer": good.encode()}
    )
    submit(page, "Upload environments")
    expect(page.get_by_text("2 learning environment(s) added from the file.")).to_be_visible()
    expect(page.get_by_role("link", name="Lounge")).to_be_visible()
    assert_accessible(page)
    assert LearningEnvironment.objects.filter(organisation=w.care_home).count() == 3
