"""Schools from the register, ambassadors, visits and the coverage they reach."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import resources

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from oneworkforce.careers.models import Ambassador, School, SchoolVisit
from oneworkforce.careers.schools import selectors, services
from oneworkforce.careers.schools.gias import SchoolFileError, read_schools
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.tests.factories import OrganisationFactory

DEMO = resources.files("oneworkforce.careers.data").joinpath("demo_schools.csv").read_bytes()
HEADER = ",".join(
    [
        "URN",
        "EstablishmentName",
        "TypeOfEstablishment (name)",
        "PhaseOfEducation (name)",
        "Postcode",
        "LA (name)",
    ]
)


def test_the_demo_file_is_in_the_registers_format_and_reads_whole():
    rows = read_schools(DEMO)
    assert len(rows) == 10
    in_scope = {r.urn for r in rows if r.in_scope and r.is_open}
    # Six secondary, all-through, further education and sixth form; not the primaries or the
    # closed school.
    assert in_scope == {990001, 990002, 990003, 990004, 990005, 990006, 990007}


NAME = "Ysgol Dewi Sant \u2013 St David\u2019s"


def test_a_windows_1252_file_is_read():
    data = (HEADER + f"\n123456,{NAME},Academy converter,Secondary,LS1 4AP,Leeds\n").encode(
        "cp1252"
    )
    assert read_schools(data)[0].name == NAME


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("URN,Name\n123456,A school\n", "line 1: the header has no column 'EstablishmentName'"),
        (
            HEADER + "\n12x456,A school,Academy,Secondary,LS1 4AP,Leeds\n",
            "line 2: URN '12x456' is not a school's unique reference number",
        ),
        (
            HEADER
            + "\n123456,A,Academy,Secondary,LS1 4AP,Leeds"
            + "\n123456,B,Academy,Secondary,LS1 4AP,Leeds\n",
            "line 3: URN 123456 repeats line 2",
        ),
        (
            HEADER + "\n123456,A school,Academy,Secondary,NOT A CODE,Leeds\n",
            "line 2: Postcode 'NOT A CODE' is not a UK postcode",
        ),
        (HEADER + "\n", "the file has a header but no schools"),
        ("", "the file is empty"),
    ],
)
def test_a_bad_file_names_the_line(text, problem):
    with pytest.raises(SchoolFileError) as raised:
        read_schools(text.encode())
    assert problem in raised.value.problems[0]


@pytest.mark.django_db
def test_the_command_imports_and_a_bad_file_writes_nothing(tmp_path, capsys):
    good = tmp_path / "edubasealldata.csv"
    good.write_bytes(DEMO)
    call_command("import_schools", str(good))
    assert (
        "10 added, 0 updated, 0 unchanged; 8 secondary schools and colleges"
        in capsys.readouterr().out
    )
    call_command("import_schools", str(good))
    assert "0 added, 0 updated, 10 unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "\n990099,New school,Academy,Secondary,LS1 4AP,Leeds"
        + "\n99,Bad,Academy,Secondary,LS1 4AP,Leeds\n"
    )
    with pytest.raises(CommandError, match="line 3: URN '99'"):
        call_command("import_schools", str(bad))
    assert not School.objects.filter(urn=990099).exists()


@pytest.fixture
def register(db):
    services.schools_import(data=DEMO, source="demo")
    return {s.urn: s for s in School.objects.all()}


def _ambassador(actor, schools, days="3"):
    return services.ambassador_save(
        actor=actor,
        organisation=OrganisationFactory(),
        name="Priya Sharma",
        release_days_agreed=Decimal(days),
        schools=schools,
    )


def test_coverage_needs_both_an_ambassador_and_a_visit_in_12_months(register, partnership_admin):
    today = timezone.localdate()
    priya = _ambassador(partnership_admin, [register[990001], register[990002]])
    services.visit_record(
        actor=partnership_admin,
        school=register[990001],
        on=today - dt.timedelta(days=30),
        ambassadors=[priya],
        year_groups="Year 10",
        pupils=80,
        release_days=Decimal("1"),
    )
    # A visit 13 months ago no longer counts.
    old = SchoolVisit.objects.create(
        school=register[990002], on=today - dt.timedelta(days=400), year_groups="Year 11", pupils=20
    )
    old.ambassadors.set([priya])
    found = selectors.coverage(today)
    assert (found.schools, found.covered, found.with_ambassador, found.visited) == (7, 1, 2, 1)
    assert found.share == pytest.approx(1 / 7)
    assert register[990002] in found.without and register[990001] not in found.without
    assert (found.days_used, found.days_agreed) == (Decimal("1.0"), Decimal("3"))


def test_a_visit_in_the_future_or_without_ambassadors_is_refused(register, partnership_admin):
    priya = _ambassador(partnership_admin, [])
    with pytest.raises(ServiceError) as raised:
        services.visit_record(
            actor=partnership_admin,
            school=register[990001],
            on=timezone.localdate() + dt.timedelta(days=1),
            ambassadors=[priya],
            year_groups="Year 10",
            pupils=10,
        )
    assert raised.value.field == "on"
    with pytest.raises(ServiceError) as raised:
        services.visit_record(
            actor=partnership_admin,
            school=register[990001],
            on=timezone.localdate(),
            ambassadors=[],
            year_groups="Year 10",
            pupils=10,
        )
    assert raised.value.field == "ambassadors"
    assert not SchoolVisit.objects.exists()


def test_the_coverage_page_shows_the_share_and_the_schools_without(
    client, register, partnership_admin
):
    client.force_login(partnership_admin)
    body = client.get(reverse("careers:schools")).content.decode()
    assert "0%" in body and "0 of 7 schools and colleges" in body
    assert "Westdale High School (example)" in body
    assert "Oakfield Primary School" not in body


def test_an_ambassador_is_added_through_the_form(client, register, partnership_admin):
    client.force_login(partnership_admin)
    organisation = OrganisationFactory()
    response = client.post(
        reverse("careers:ambassador_add"),
        {
            "name": "Tom Hughes",
            "organisation": organisation.pk,
            "release_days_agreed": "2",
            "schools": [register[990003].pk],
        },
    )
    assert response.status_code == 302
    tom = Ambassador.objects.get()
    assert list(tom.schools.all()) == [register[990003]] and tom.release_days_agreed == 2


def test_the_figures_show_sources_and_veterans_by_sector(client, partnership_admin):
    from oneworkforce.careers.jobs import services as job_services
    from oneworkforce.partners.choices import Sector
    from oneworkforce.talent.tests.factories import VacancyFactory

    care = VacancyFactory(
        organisation=OrganisationFactory(sector=Sector.ADULT_SOCIAL_CARE),
        essential_criteria="A driving licence",
    )
    job_services.job_apply(
        vacancy_id=care.pk,
        full_name="Dan Whitaker",
        email="dan@example.org",
        phone="",
        consent=True,
        served_in_forces=True,
        meets_essential_criteria=True,
    )
    client.force_login(partnership_admin)
    response = client.get(reverse("careers:figures"))
    shown = response.context["careers_figures"]
    rows = {row[0]: row for row in shown["veteran_rows"]}
    assert rows["Guaranteed interviews"][1:] == [1, 0, 0, 0, 0, 0, 1]
    sources = {row[0]: row[-1] for row in shown["source_rows"]}
    assert sources["Job board"] == 1 and sources["Outreach campaign"] == 0
    csv = client.get(reverse("careers:figures_csv")).content.decode()
    assert "veterans,guaranteed,Social care,1,applications" in csv
