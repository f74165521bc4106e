"""Employ and deploy: services refuse bad input by field and write nothing, the per-PCN report
is computed from the records, and each person sees only what their role allows."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.deployments.demo import employ as demo_employ
from oneworkforce.deployments.employ import presenters as employ_presenters
from oneworkforce.deployments.employ import selectors as employ_selectors
from oneworkforce.deployments.employ import services as employ
from oneworkforce.deployments.models import AgreedPost, Agreement, Employment, FundingSource
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import (
    OrganisationFactory,
    UserFactory,
    partner_admin,
    partnership_admin,
)

START = dt.date(2025, 4, 1)
ON = dt.date(2026, 6, 1)
COORDINATOR = "Care coordinator"
LINK_WORKER = "Social prescribing link worker"


@pytest.fixture
def s(db):
    """A community trust leading an agreement with two PCNs; three GP practices; admins."""
    lead = OrganisationFactory(name="Westdale Community Trust", sector=Sector.NHS_COMMUNITY)
    pcn = OrganisationFactory(name="Millbrook PCN", slug="millbrook-pcn", sector=Sector.PCN)
    other_pcn = OrganisationFactory(name="Calder PCN", slug="calder-pcn", sector=Sector.PCN)
    p1, p2, p3 = (
        OrganisationFactory(name=f"Practice {n}", sector=Sector.GP_PRACTICE) for n in (1, 2, 3)
    )
    world = SimpleNamespace(lead=lead, pcn=pcn, other_pcn=other_pcn, p1=p1, p2=p2, p3=p3)
    world.lead_admin = partner_admin(lead)
    world.pcn_admin = partner_admin(pcn)
    world.other_pcn_admin = partner_admin(other_pcn)
    world.boss = partnership_admin()
    world.agreement = employ.agreement_save(
        actor=world.lead_admin,
        name="Primary care additional roles",
        lead_employer=lead,
        pcns=[pcn, other_pcn],
        funding=FundingSource.ARRS,
        hr_services="Payroll and appraisal",
        service_level="Quarterly report",
        starts_on=START,
        ends_on=dt.date(2028, 3, 31),
    )
    for target, job_title, number in ((pcn, COORDINATOR, 3), (pcn, LINK_WORKER, 1)):
        employ.agreed_post_save(
            actor=world.lead_admin,
            agreement=world.agreement,
            pcn=target,
            job_title=job_title,
            number=number,
        )
    employ.agreed_post_save(
        actor=world.lead_admin,
        agreement=world.agreement,
        pcn=other_pcn,
        job_title=COORDINATOR,
        number=1,
    )
    return world


def _employ(s, **overrides):
    values = {
        "actor": s.lead_admin,
        "agreement": s.agreement,
        "name": "Aisha Rahman",
        "job_title": COORDINATOR,
        "pcn": s.pcn,
        "base_practice": s.p1,
        "practices": [s.p1, s.p2],
        "starts_on": dt.date(2025, 5, 1),
        "ends_on": None,
    }
    return employ.employment_save(**{**values, **overrides})


def _agreement_values(s, **overrides):
    values = {
        "actor": s.lead_admin,
        "name": "Another agreement",
        "lead_employer": s.lead,
        "pcns": [s.pcn],
        "funding": FundingSource.PCN,
        "hr_services": "Payroll",
        "service_level": "Monthly",
        "starts_on": START,
        "ends_on": None,
    }
    return {**values, **overrides}


def _refused(call, field: str) -> None:
    counts = (
        Agreement.objects.count(),
        AgreedPost.objects.count(),
        Employment.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(ServiceError) as refused:
        call()
    assert refused.value.field == field, refused.value.message
    assert refused.value.message
    after = (
        Agreement.objects.count(),
        AgreedPost.objects.count(),
        Employment.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == counts, "a refused change wrote something"


# Services ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_saving_an_agreement_writes_the_audit_log_and_a_slug(s):
    event = AuditEvent.objects.filter(action="deployments.employ_agreement_created").get()
    assert event.organisation == s.lead
    assert event.changes["pcns"]["to"] == sorted([s.pcn.pk, s.other_pcn.pk])
    assert s.agreement.slug == "primary-care-additional-roles"
    assert set(s.agreement.pcns.all()) == {s.pcn, s.other_pcn}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("blank_name", "name"),
        ("inactive_lead", "lead_employer"),
        ("lead_not_managed", "lead_employer"),
        ("no_pcns", "pcns"),
        ("not_a_pcn", "pcns"),
        ("unknown_funding", "funding"),
        ("blank_hr", "hr_services"),
        ("end_before_start", "ends_on"),
        ("end_on_start", "ends_on"),
    ],
)
def test_agreement_save_names_the_field_and_writes_nothing(s, change, field):
    if change == "inactive_lead":
        s.lead.is_active = False
        s.lead.save()
    overrides = {
        "blank_name": {"name": "  "},
        "inactive_lead": {},
        "lead_not_managed": {"lead_employer": s.pcn},
        "no_pcns": {"pcns": []},
        "not_a_pcn": {"pcns": [s.pcn, s.p1]},
        "unknown_funding": {"funding": "lottery"},
        "blank_hr": {"hr_services": ""},
        "end_before_start": {"ends_on": START - dt.timedelta(days=1)},
        "end_on_start": {"ends_on": START},
    }[change]
    _refused(lambda: employ.agreement_save(**_agreement_values(s, **overrides)), field)


@pytest.mark.django_db
def test_a_pcn_with_posts_cannot_leave_the_agreement(s):
    values = _agreement_values(s, name=s.agreement.name, pcns=[s.other_pcn])
    _refused(lambda: employ.agreement_save(agreement=s.agreement, **values), "pcns")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"number": 0}, "number"),
        ({"number": -2}, "number"),
        ({"job_title": " "}, "job_title"),
        ({"pcn": "outside"}, "pcn"),
    ],
)
def test_agreed_post_save_names_the_field_and_writes_nothing(s, overrides, field):
    if overrides.get("pcn") == "outside":
        overrides["pcn"] = OrganisationFactory(sector=Sector.PCN)
    values = {"actor": s.lead_admin, "agreement": s.agreement, "pcn": s.pcn, "job_title": "Coach"}
    values["number"] = 1
    _refused(lambda: employ.agreed_post_save(**{**values, **overrides}), field)


@pytest.mark.django_db
def test_the_same_job_title_again_changes_its_number(s):
    line = employ.agreed_post_save(
        actor=s.lead_admin, agreement=s.agreement, pcn=s.pcn, job_title="care coordinator", number=4
    )
    assert line.job_title == COORDINATOR
    assert s.agreement.posts.filter(pcn=s.pcn, job_title=COORDINATOR).get().number == 4
    event = AuditEvent.objects.get(action="deployments.employ_post_changed")
    assert event.changes == {"number": {"from": 3, "to": 4}}


@pytest.mark.django_db
def test_every_audit_event_records_changes_as_from_and_to(s):
    person = _employ(s)
    employ.employment_end(actor=s.lead_admin, employment=person, ends_on=dt.date(2026, 1, 31))
    events = AuditEvent.objects.filter(action__startswith="deployments.employ_")
    assert events.count() == 6
    for event in events:
        for change in event.changes.values():
            assert set(change) in ({"from", "to"}, {"changed"}), (event.action, change)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("blank_name", "name"),
        ("pcn_outside", "pcn"),
        ("job_title_not_agreed", "job_title"),
        ("job_title_agreed_for_another_pcn", "job_title"),
        ("no_practices", "practices"),
        ("not_a_practice", "practices"),
        ("base_not_deployed", "base_practice"),
        ("end_before_start", "ends_on"),
        ("before_agreement", "starts_on"),
    ],
)
def test_employment_save_names_the_field_and_writes_nothing(s, change, field):
    overrides = {
        "blank_name": lambda: {"name": ""},
        "pcn_outside": lambda: {"pcn": OrganisationFactory(sector=Sector.PCN)},
        "job_title_not_agreed": lambda: {"job_title": "Paramedic"},
        "job_title_agreed_for_another_pcn": lambda: {"pcn": s.other_pcn, "job_title": LINK_WORKER},
        "no_practices": lambda: {"practices": []},
        "not_a_practice": lambda: {"practices": [s.p1, s.lead]},
        "base_not_deployed": lambda: {"base_practice": s.p3},
        "end_before_start": lambda: {"ends_on": dt.date(2025, 4, 30)},
        "before_agreement": lambda: {"starts_on": START - dt.timedelta(days=1)},
    }[change]()
    _refused(lambda: _employ(s, **overrides), field)


@pytest.mark.django_db
def test_employment_is_audited_without_the_persons_name(s):
    person = _employ(s)
    event = AuditEvent.objects.filter(action="deployments.employ_staff_added").get()
    assert event.changes["name"] == {"changed": True}
    assert "Aisha" not in event.object_repr
    assert sorted(p.pk for p in person.practices.all()) == sorted([s.p1.pk, s.p2.pk])


@pytest.mark.django_db
def test_employment_end_records_the_last_day_and_refuses_an_earlier_one(s):
    person = _employ(s)
    _refused(
        lambda: employ.employment_end(
            actor=s.lead_admin, employment=person, ends_on=dt.date(2025, 4, 1)
        ),
        "ends_on",
    )
    employ.employment_end(actor=s.lead_admin, employment=person, ends_on=dt.date(2026, 1, 31))
    person.refresh_from_db()
    assert person.ends_on == dt.date(2026, 1, 31)
    _refused(
        lambda: employ.employment_end(
            actor=s.lead_admin, employment=person, ends_on=dt.date(2026, 2, 28)
        ),
        "ends_on",
    )


# The report per PCN --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_pcn_report_counts_agreed_in_post_and_vacancies_from_the_records(s):
    _employ(s, name="A", base_practice=s.p1, practices=[s.p1, s.p2])
    _employ(s, name="B", base_practice=s.p2, practices=[s.p2, s.p3])
    _employ(s, name="C left", ends_on=dt.date(2026, 3, 31))
    _employ(s, name="D starts later", starts_on=dt.date(2026, 9, 1))
    _employ(s, name="E", job_title=LINK_WORKER, base_practice=s.p1, practices=[s.p1])
    _employ(s, name="F", pcn=s.other_pcn, base_practice=s.p3, practices=[s.p3])

    report, other = employ_selectors.pcn_reports(s.agreement, [s.pcn, s.other_pcn], on=ON)

    lines = {r.job_title: (r.agreed, r.in_post, r.vacancies, r.over) for r in report.posts}
    assert lines == {COORDINATOR: (3, 2, 1, 0), LINK_WORKER: (1, 1, 0, 0)}
    assert (report.agreed, report.in_post, report.vacancies) == (4, 3, 1)
    practices = {p.practice.name: (p.based, p.visiting, p.total) for p in report.practices}
    assert practices == {
        "Practice 1": (2, 0, 2),
        "Practice 2": (1, 1, 2),
        "Practice 3": (0, 1, 1),
    }
    assert [p.name for p in report.staff] == ["A", "B", "C left", "D starts later", "E"]
    assert report.funding == "Additional Roles Reimbursement Scheme"
    assert (other.agreed, other.in_post, other.vacancies) == (1, 1, 0)
    assert [p.name for p in other.staff] == ["F"]


@pytest.mark.django_db
def test_more_staff_than_agreed_shows_as_over_not_as_negative_vacancies(s):
    for name in ("A", "B"):
        _employ(s, name=name, pcn=s.other_pcn, base_practice=s.p3, practices=[s.p3])
    (report,) = employ_selectors.pcn_reports(s.agreement, [s.other_pcn], on=ON)
    (line,) = report.posts
    assert (line.agreed, line.in_post, line.vacancies, line.over) == (1, 2, 0, 1)
    assert employ_presenters.post_rows(report.posts)[0]["note"] == "1 more than agreed"


def test_presenters_describe_status_and_chart_without_a_database():
    person = SimpleNamespace(starts_on=dt.date(2026, 9, 1), ends_on=None)
    assert employ_presenters.staff_status(person, ON) == "Starts 1 September 2026"
    person = SimpleNamespace(starts_on=START, ends_on=dt.date(2026, 3, 31))
    assert employ_presenters.staff_status(person, ON) == "Left 31 March 2026"
    person = SimpleNamespace(starts_on=START, ends_on=None)
    assert employ_presenters.staff_status(person, ON) == "In post"
    items = employ_presenters.chart_items(
        [employ_selectors.PostLine(job_title="Coach", agreed=2, in_post=1)]
    )
    assert items == [("Coach: agreed", 2, "2"), ("Coach: in post", 1, "1")]
    chart = employ_presenters.post_chart(
        [employ_selectors.PostLine(job_title="Coach", agreed=2, in_post=1)]
    )
    assert [b.colour for b in chart.bars] == [
        employ_presenters.AGREED_COLOUR,
        employ_presenters.IN_POST_COLOUR,
    ]
    assert employ_presenters.post_chart([]) is None


# Who sees what -------------------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_pcn_admin_sees_its_own_report_but_not_another_pcns_or_another_agreement(s):
    _employ(s, name="Aisha Rahman")
    _employ(s, name="Farah Other", pcn=s.other_pcn, base_practice=s.p3, practices=[s.p3])
    elsewhere = employ.agreement_save(**_agreement_values(s, name="Elsewhere", pcns=[s.other_pcn]))
    client = _client(s.pcn_admin)
    slug = s.agreement.slug

    own = client.get(reverse("deployments:employ_report", kwargs={"slug": slug, "pcn": s.pcn.slug}))
    assert own.status_code == 200
    assert "Aisha Rahman" in own.content.decode()
    other = reverse("deployments:employ_report", kwargs={"slug": slug, "pcn": s.other_pcn.slug})
    assert client.get(other).status_code == 403
    page = client.get(reverse("deployments:employ_agreement", kwargs={"slug": slug}))
    assert page.status_code == 200
    assert "Aisha Rahman" in page.content.decode()
    assert "Farah Other" not in page.content.decode()
    assert b"Add an employed person" not in page.content
    hidden = reverse("deployments:employ_agreement", kwargs={"slug": elsewhere.slug})
    assert client.get(hidden).status_code == 404
    listing = client.get(reverse("deployments:employ_agreements")).content.decode()
    assert s.agreement.name in listing
    assert "Elsewhere" not in listing
    add = reverse("deployments:employ_staff_add", kwargs={"slug": slug})
    assert client.post(add, {"name": "Sneaky"}).status_code == 403


@pytest.mark.django_db
def test_a_learner_is_refused_and_an_anonymous_visitor_is_asked_to_sign_in(s):
    learner = _client(UserFactory())
    assert learner.get(reverse("deployments:employ_agreements")).status_code == 403
    url = reverse("deployments:employ_agreement", kwargs={"slug": s.agreement.slug})
    assert learner.get(url).status_code == 403
    assert Client().get(url).status_code == 302


@pytest.mark.django_db
def test_the_lead_employers_admin_adds_a_person_through_the_form(s):
    client = _client(s.lead_admin)
    url = reverse("deployments:employ_staff_add", kwargs={"slug": s.agreement.slug})
    form = {
        "name": "Ben Holroyd",
        "pcn": s.pcn.pk,
        "job_title": COORDINATOR,
        "base_practice": s.p3.pk,
        "practices": [s.p1.pk],
        "starts_on_day": "1",
        "starts_on_month": "6",
        "starts_on_year": "2025",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "The base practice must be one of the practices" in refused.content.decode()
    assert not Employment.objects.exists()

    done = client.post(url, {**form, "practices": [s.p1.pk, s.p3.pk]})
    assert done.status_code == 302
    person = Employment.objects.get()
    assert (person.name, person.base_practice, person.pcn) == ("Ben Holroyd", s.p3, s.pcn)


@pytest.mark.django_db
def test_a_partnership_admin_sets_up_an_agreement_through_the_form(s):
    client = _client(s.boss)
    response = client.post(
        reverse("deployments:employ_agreement_add"),
        {
            "name": "Coaches for Calder",
            "lead_employer": s.lead.pk,
            "pcns": [s.other_pcn.pk],
            "funding": FundingSource.ICB,
            "hr_services": "Payroll",
            "service_level": "Monthly report",
            "starts_on_day": "1",
            "starts_on_month": "4",
            "starts_on_year": "2026",
            "ends_on_day": "31",
            "ends_on_month": "3",
            "ends_on_year": "2026",
        },
    )
    assert response.status_code == 200
    assert "The end date must be after the start date" in response.content.decode()
    assert not Agreement.objects.filter(name="Coaches for Calder").exists()


# Demo ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_loader_is_idempotent():
    first = demo_employ.load()
    counts = (
        Agreement.objects.count(),
        AgreedPost.objects.count(),
        Employment.objects.count(),
        Employment.practices.through.objects.count(),
    )
    second = demo_employ.load()
    assert first == second
    assert counts == (
        Agreement.objects.count(),
        AgreedPost.objects.count(),
        Employment.objects.count(),
        Employment.practices.through.objects.count(),
    )
    agreement = Agreement.objects.get(slug=demo_employ.SLUG)
    assert agreement.pcns.count() == 4
    assert all(p.is_demo for p in agreement.pcns.all())
    assert agreement.staff.count() >= 12
    reports = employ_selectors.pcn_reports(agreement, list(agreement.pcns.all()), on=ON)
    assert sum(r.agreed for r in reports) == sum(n for _, _, n in demo_employ.POSTS)
