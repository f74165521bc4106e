"""Browser journey: a partner admin gives 50 people a job role from a CSV file, sees the
compliance grid, downloads it and sends reminders (axe-core on every page, and at 390 px)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import assert_accessible, sign_in_as, submit
from oneworkforce.learning.models import Requirement, StaffRecord
from oneworkforce.partners.choices import AffiliationStatus, Role, Sector
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RoleGrantFactory,
    UserFactory,
)

from .factories import JobRoleFactory, OpportunityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_admin_gives_fifty_people_job_roles_sees_the_grid_exports_and_reminds(
    page, live_server
):
    # Given a care provider with 50 confirmed care workers and a job role needing fire safety
    home = OrganisationFactory(name="Brightpath Home Care", sector=Sector.ADULT_SOCIAL_CARE)
    admin = UserFactory(full_name="Tom Brennan")
    RoleGrantFactory(user=admin, role=Role.PARTNER_ADMIN, organisation=home)
    fire = Requirement.objects.get(code="cstf-fire-safety-1")
    job_role = JobRoleFactory(organisation=home, name="Care and support worker")
    job_role.requirements.add(fire)
    for i in range(50):
        person = UserFactory(email=f"carer{i:02}@example.org", full_name=f"Carer {i:02}")
        AffiliationFactory(user=person, organisation=home, status=AffiliationStatus.CONFIRMED)
    listing = OpportunityFactory(organisation=home, title="Fire safety for care teams")
    listing.requirements.add(fire)
    sign_in_as(page, admin, live_server.url)

    # When the admin uploads a CSV with a wrong line, nothing is saved and the line is named
    page.goto(f"/learning/manage/{home.slug}/workforce/")
    assert_accessible(page)
    page.get_by_role("link", name="Give people job roles from a CSV file").click()
    assert_accessible(page)
    lines = ["email,job_role,team"] + [
        f"carer{i:02}@example.org,Care and support worker,{'Day' if i % 2 else 'Night'} team"
        for i in range(50)
    ]
    wrong = "\n".join([*lines, "stranger@example.org,Care and support worker,"])
    page.get_by_label("CSV file of people and job roles").set_input_files(
        {"name": "people.csv", "mimeType": "text/csv", "buffer": wrong.encode()}
    )
    submit(page, "Check and save")
    expect(
        page.get_by_text("Line 52: no one whose work with you is confirmed").first
    ).to_be_visible()
    assert_accessible(page)
    assert not job_role.members.exists()

    # When they upload the corrected file, all 50 are given the job role
    page.get_by_label("CSV file of people and job roles").set_input_files(
        {"name": "people.csv", "mimeType": "text/csv", "buffer": "\n".join(lines).encode()}
    )
    submit(page, "Check and save")
    expect(page.get_by_text("Saved 50 lines: 50 job roles newly given.")).to_be_visible()
    assert job_role.members.count() == 50

    # Then the grid shows everyone missing fire safety, filterable by team
    assert_accessible(page)
    expect(page.get_by_role("status")).to_contain_text("50 people shown")
    page.get_by_text("Filter and sort").click()
    page.get_by_label("Team").select_option("Night team")
    submit(page, "Apply")
    expect(page.get_by_role("status")).to_contain_text("25 people shown")
    assert_accessible(page)

    # And they download it as CSV
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this list as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert len(text.strip().splitlines()) == 26 and "Missing" in text

    # And they send reminders to the 25 shown; a second press within the week sends none
    submit(page, "E-mail reminders to the 25 people shown")
    expect(page.get_by_text("Reminders e-mailed to 25 people.")).to_be_visible()
    assert len(mail.outbox) == 25
    assert f"/learning/o/{listing.slug}/" in mail.outbox[0].body
    submit(page, "E-mail reminders to the 25 people shown")
    expect(page.get_by_text("25 reminders held back")).to_be_visible()
    assert len(mail.outbox) == 25

    # And on a phone the grid fits the screen
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_partner_admin_names_a_team_manager_who_sees_their_team_only(page, live_server):
    # Given a care provider with a day team and a night team, each needing fire safety
    home = OrganisationFactory(name="Riverside Care", sector=Sector.ADULT_SOCIAL_CARE)
    admin = UserFactory(full_name="Ama Owusu")
    RoleGrantFactory(user=admin, role=Role.PARTNER_ADMIN, organisation=home)
    job_role = JobRoleFactory(organisation=home, name="Care and support worker")
    job_role.requirements.add(Requirement.objects.get(code="cstf-fire-safety-1"))
    people = {}
    for name, team in [
        ("Lena Day", "Day team"),
        ("Omar Day", "Day team"),
        ("Nell Night", "Night team"),
    ]:
        person = UserFactory(email=f"{name.split()[0].lower()}@example.org", full_name=name)
        AffiliationFactory(user=person, organisation=home, status=AffiliationStatus.CONFIRMED)
        job_role.members.add(person)
        StaffRecord.objects.filter(organisation=home, person=person).update(team=team)
        people[name] = person
    sign_in_as(page, admin, live_server.url)

    # When the admin names Lena manager of the day team
    page.goto(f"/learning/manage/{home.slug}/workforce/")
    page.get_by_role("link", name="Team managers").click()
    assert_accessible(page)
    page.get_by_label("Their e-mail address").fill("lena@example.org")
    page.get_by_label("Team they manage").select_option("Day team")
    submit(page, "Name this manager")
    expect(page.get_by_text("Lena Day now manages Day team.")).to_be_visible()
    assert_accessible(page)

    # Then Lena, signed in, finds her team's grid from her home page and sees only its people
    page.context.clear_cookies()
    sign_in_as(page, people["Lena Day"], live_server.url)
    page.goto("/home/")
    page.get_by_role("link", name="See your teams' training").click()
    expect(page.get_by_text("You manage Day team")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("2 people shown")
    expect(page.get_by_text("Nell Night")).to_have_count(0)
    assert_accessible(page)

    # And asking for the night team in the address shows no one else
    page.goto(f"/learning/manage/{home.slug}/workforce/?team=Night+team")
    expect(page.get_by_text("Nell Night")).to_have_count(0)

    # And she reminds her team: the two of the day team are e-mailed, not the night team
    submit(page, "E-mail reminders to the 2 people shown")
    expect(page.get_by_text("Reminders e-mailed to 2 people.")).to_be_visible()
    assert sorted(m.to[0] for m in mail.outbox) == ["lena@example.org", "omar@example.org"]

    # And on a phone the page fits the screen
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
