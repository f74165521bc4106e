"""Compliance for a workforce: the grid's cells, filters and sort; job roles for many people
from a selection or a CSV (a wrong line writes nothing); the CSV download (audited); reminders at
most weekly per person and requirement; the figures over time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.bookings import services as booking_services
from oneworkforce.learning.models import (
    ComplianceFigure,
    ComplianceReminder,
    Requirement,
    StaffRecord,
)
from oneworkforce.learning.records.compliance import job_role_compliance
from oneworkforce.learning.workforce import services
from oneworkforce.learning.workforce.grid import Choice, chosen, workforce_grid
from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    UserFactory,
    partner_admin,
)

from .factories import CompletionFactory, JobRoleFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _staff(organisation, n: int, prefix: str = "carer"):
    people = []
    for i in range(n):
        person = UserFactory(email=f"{prefix}{i}@example.org", full_name=f"{prefix.title()} {i:03}")
        AffiliationFactory(
            user=person, organisation=organisation, status=AffiliationStatus.CONFIRMED
        )
        people.append(person)
    return people


@pytest.fixture
def world(org_a):
    fire = Requirement.objects.get(code="cstf-fire-safety-1")
    ipc = Requirement.objects.get(code="cstf-ipc-1")
    handling = Requirement.objects.get(code="cstf-moving-handling-1")
    role = JobRoleFactory(organisation=org_a, name="Care and support worker")
    role.requirements.add(fire, ipc, handling)
    return {"org": org_a, "role": role, "fire": fire, "ipc": ipc, "handling": handling}


def test_each_cell_is_up_to_date_expiring_expired_missing_or_booked(world):
    org, role = world["org"], world["role"]
    done, lapsing, lapsed, waiting, unassigned = _staff(org, 5)
    for person in (done, lapsing, lapsed, waiting):
        role.members.add(person)
    months = world["fire"].validity_months
    assert months  # fire safety must be renewed
    CompletionFactory(learner=done, issuer=org, completed_on=TODAY, requirements=[world["fire"]])
    CompletionFactory(
        learner=lapsing,
        issuer=org,
        completed_on=TODAY - dt.timedelta(days=30 * months - 20),
        requirements=[world["fire"]],
    )
    CompletionFactory(
        learner=lapsed,
        issuer=org,
        completed_on=TODAY - dt.timedelta(days=31 * months + 5),
        requirements=[world["fire"]],
    )
    listing = OpportunityFactory(organisation=org)
    listing.requirements.add(world["fire"])
    session = SessionFactory(opportunity=listing)
    booking_services.booking_create(actor=waiting, session_id=session.pk)
    grid = workforce_grid(org)
    cells = {r.email: r.cells for r in grid.rows}
    fire = world["fire"].pk
    assert cells[done.email][fire].shown == "met"
    assert cells[lapsing.email][fire].shown == "expiring"
    assert cells[lapsed.email][fire].shown == "expired"
    assert cells[waiting.email][fire].shown == "booked"
    assert cells[done.email][world["ipc"].pk].shown == "missing"
    assert cells[unassigned.email] == {}  # confirmed, no job role yet: listed, nothing needed
    # The grid agrees with each person's own page.
    for person in (done, lapsing, lapsed, waiting):
        own = job_role_compliance(person, role, today=TODAY)
        assert {s.requirement_id: s.shown for s in own.standings} == {
            k: s.shown for k, s in cells[person.email].items()
        }


def test_filters_and_sort_narrow_and_order_the_grid(world):
    org, role = world["org"], world["role"]
    people = _staff(org, 3)
    for person in people:
        role.members.add(person)
    CompletionFactory(
        learner=people[0],
        issuer=org,
        completed_on=TODAY,
        requirements=[world["fire"], world["ipc"], world["handling"]],
    )
    StaffRecord.objects.filter(organisation=org, person=people[1]).update(team="Night team")
    rows = workforce_grid(org).rows
    assert [r.email for r in chosen(rows, Choice(team="Night team"))] == [people[1].email]
    assert people[0].email not in [r.email for r in chosen(rows, Choice(state="missing"))]
    fire_missing = chosen(rows, Choice(state="missing", requirement=world["fire"].pk))
    assert [r.email for r in fire_missing] == [people[1].email, people[2].email]
    assert chosen(rows, Choice(sort="action"))[-1].email == people[0].email


def _upload(client, org, text: str):
    data = SimpleUploadedFile("people.csv", text.encode())
    return client.post(
        reverse("learning:workforce_upload", kwargs={"slug": org.slug}), {"file": data}
    )


def test_a_csv_with_any_wrong_line_writes_nothing_and_names_each_line(client, world, admin_a):
    org = world["org"]
    _staff(org, 2)
    client.force_login(admin_a)
    text = (
        "email,job_role,team\n"
        "carer0@example.org,Care and support worker,Day team\n"
        "nobody@example.org,Care and support worker,\n"
        "carer1@example.org,Astronaut,\n"
        "carer0@example.org,care and support worker,\n"
    )
    body = _upload(client, org, text).content.decode()
    assert "Nothing was saved" in body
    assert "Line 3: no one whose work with you is confirmed has the e-mail address" in body
    assert "Line 4: you have no job role called Astronaut" in body
    assert "Line 5: repeats line 2" in body
    assert not world["role"].members.exists()
    assert not StaffRecord.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("mail,role\nx,y\n", "the header must name the columns email and job_role"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_an_unreadable_csv_is_refused_plainly(world, text, message):
    data = text if isinstance(text, bytes) else text.encode()
    with pytest.raises(ServiceError) as error:
        services.assignments_read(organisation=world["org"], data=data)
    assert message in error.value.message


def test_a_partner_admin_gives_fifty_people_job_roles_from_a_csv(client, world, admin_a):
    org = world["org"]
    _staff(org, 50)
    client.force_login(admin_a)
    lines = ["email,job_role,team"] + [
        f"carer{i}@example.org,Care and support worker,{'Day' if i % 2 else 'Night'} team"
        for i in range(50)
    ]
    response = _upload(client, org, "\n".join(lines))
    assert response.status_code == 302
    assert world["role"].members.count() == 50
    assert StaffRecord.objects.filter(organisation=org, team="Night team").count() == 25
    assert AuditEvent.objects.filter(action="learning.role_member_added").count() == 50


def test_ticked_people_are_given_a_job_role(client, world, admin_a):
    org = world["org"]
    people = _staff(org, 3)
    client.force_login(admin_a)
    client.post(
        reverse("learning:workforce_assign", kwargs={"slug": org.slug}),
        {"job_role": world["role"].pk, "people": [people[0].pk, people[2].pk]},
    )
    assert set(world["role"].members.all()) == {people[0], people[2]}


def test_someone_elses_person_or_job_role_cannot_be_given(client, world, admin_a, org_b):
    outsider = _staff(org_b, 1, prefix="outsider")[0]
    their_role = JobRoleFactory(organisation=org_b)
    client.force_login(admin_a)
    url = reverse("learning:workforce_assign", kwargs={"slug": world["org"].slug})
    client.post(url, {"job_role": world["role"].pk, "people": [outsider.pk]})
    client.post(url, {"job_role": their_role.pk, "people": [outsider.pk]})
    assert not world["role"].members.exists() and not their_role.members.exists()


def test_the_grid_downloads_as_csv_and_the_download_is_audited(client, world, admin_a):
    org = world["org"]
    people = _staff(org, 2)
    world["role"].members.add(*people)
    client.force_login(admin_a)
    response = client.get(reverse("learning:workforce_csv", kwargs={"slug": org.slug}))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("Name,E-mail address,Team,Site,Job roles,")
    assert "carer0@example.org" in text and "Missing" in text
    event = AuditEvent.objects.get(action="learning.compliance_downloaded")
    assert event.changes["people"] == 2


def test_reminders_link_to_matching_learning_and_come_at_most_weekly(client, world, admin_a):
    org = world["org"]
    person = _staff(org, 1)[0]
    world["role"].members.add(person)
    listing = OpportunityFactory(organisation=org, title="Fire safety for care teams")
    listing.requirements.add(world["fire"])
    client.force_login(admin_a)
    url = reverse("learning:workforce_remind", kwargs={"slug": org.slug})
    client.post(url)
    assert len(mail.outbox) == 1
    assert f"/learning/o/{listing.slug}/" in mail.outbox[0].body
    assert ComplianceReminder.objects.filter(staff__person=person).count() == 3
    client.post(url)
    assert len(mail.outbox) == 1  # held back: reminded in the last week
    ComplianceReminder.objects.update(sent_at=timezone.now() - dt.timedelta(days=8))
    client.post(url)
    assert len(mail.outbox) == 2


def test_figures_are_recorded_daily_and_shown_as_chart_and_table(client, world, admin_a):
    org = world["org"]
    people = _staff(org, 2)
    world["role"].members.add(*people)
    CompletionFactory(
        learner=people[0],
        issuer=org,
        completed_on=TODAY - dt.timedelta(days=10),
        requirements=[world["fire"]],
    )
    services.figure_record(organisation=org, day=TODAY - dt.timedelta(days=14))
    figure = services.figure_record(organisation=org, day=TODAY)
    assert (figure.people, figure.met, figure.missing) == (2, 1, 5)
    assert ComplianceFigure.objects.get(day=TODAY - dt.timedelta(days=14)).met == 0
    client.force_login(admin_a)
    body = client.get(
        reverse("learning:workforce_figures", kwargs={"slug": org.slug})
    ).content.decode()
    assert "<svg" in body and "16.7%" in body


def test_the_grid_page_lists_people_with_their_training(client, world, admin_a):
    org = world["org"]
    people = _staff(org, 3)
    world["role"].members.add(people[0])
    client.force_login(admin_a)
    page = reverse("learning:workforce", kwargs={"slug": org.slug})
    body = client.get(page, {"state": "missing"}).content.decode()
    assert "1 person shown" in body and people[0].full_name in body
    assert people[1].full_name not in body


def test_a_page_of_the_grid_reads_stored_rows_alone_in_a_fixed_number_of_queries(
    client, world, admin_a, django_assert_max_num_queries
):
    org = world["org"]
    people = _staff(org, 60)
    world["role"].members.add(*people)
    client.force_login(admin_a)
    page = reverse("learning:workforce", kwargs={"slug": org.slug})
    with CaptureQueriesContext(connection) as read, django_assert_max_num_queries(14):
        body = client.get(page, {"sort": "action"}).text
    assert "60 people shown. Page 1 of 2." in body and body.count('name="people"') == 50
    grid = [q["sql"] for q in read.captured_queries if "learning_compliance" in q["sql"]]
    assert len(grid) == 4  # the count, the totals, the page of rows, their cells
    assert not [sql for sql in grid if "partners_user" in sql]  # names are on the rows
    assert "ORDER BY" not in grid[-1]  # the cells by the page's ids, not the page again


def test_a_new_name_shows_on_the_grid_and_someone_made_inactive_leaves_it(client, world, admin_a):
    org = world["org"]
    renamed, leaving = _staff(org, 2)
    world["role"].members.add(renamed, leaving)
    renamed.full_name = "Ada Renamed"
    renamed.save(update_fields=["full_name"])
    leaving.is_active = False
    leaving.save()
    client.force_login(admin_a)
    body = client.get(reverse("learning:workforce", kwargs={"slug": org.slug})).text
    assert "Ada Renamed" in body and "1 person shown" in body
    assert leaving.email not in body
    leaving.is_active = True
    leaving.save()
    body = client.get(reverse("learning:workforce", kwargs={"slug": org.slug}), {"q": "CARER"}).text
    assert "2 people shown" in body


class TestGridAgreesWithThePersonalPage(TestCase):
    @settings(max_examples=15, deadline=None)
    @given(ages=st.lists(st.integers(min_value=0, max_value=2000), min_size=1, max_size=4))
    def test_any_history_of_completions(self, ages):
        org = OrganisationFactory()
        partner_admin(org)
        fire = Requirement.objects.get(code="cstf-fire-safety-1")
        role = JobRoleFactory(organisation=org)
        role.requirements.add(fire)
        person = _staff(org, 1, prefix=f"p{len(ages)}")[0]
        role.members.add(person)
        for age in ages:
            CompletionFactory(
                learner=person,
                issuer=org,
                completed_on=TODAY - dt.timedelta(days=age),
                requirements=[fire],
            )
        own = job_role_compliance(person, role, today=TODAY).standings[0]
        cell = workforce_grid(org).rows[0].cells[fire.pk]
        assert (cell.shown, cell.expires_on) == (own.shown, own.expires_on)


def test_the_api_gives_a_partners_admins_its_grid_and_no_one_else(client, world, admin_a, admin_b):
    org = world["org"]
    person = _staff(org, 1)[0]
    world["role"].members.add(person)
    services.figure_record(organisation=org, day=TODAY)
    url = f"/api/v1/learning/partners/{org.slug}/compliance"
    assert client.get(url).status_code == 401
    client.force_login(admin_b)
    assert client.get(url).status_code == 404
    assert client.get(url + "/figures").status_code == 404
    client.force_login(admin_a)
    body = client.get(url, {"state": "missing"}).json()
    assert body["count"] == 1
    assert body["items"][0]["email"] == person.email
    assert {c["state"] for c in body["items"][0]["training"]} == {"missing"}
    assert client.get(url + "/figures").json()[0]["missing"] == 3
    assert client.get(url, {"state": "nonsense"}).status_code == 422
