"""Learning environments from a CSV file: every bad line and column is named at once and nothing
is written; a good file adds them all and is audited. The checks themselves run without a
database."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import Site

from ..environments import csvfile
from ..environments import services as environments
from ..models import LearningEnvironment
from . import factories

HEADER = "partner,name,site,setting,postcode,professions,years,places_per_block\n"
PARTNERS = {"oak-house": 1, "oak house care": 1, "city-hospitals": 2}
SITES = {(1, "oak house"): "LS1 4AP"}
EXISTING = {(2, "ward 7")}


def _read(text: str, **kwargs: object) -> list[csvfile.EnvironmentLine]:
    return csvfile.read(
        text.encode(),
        partner=lambda t: PARTNERS.get(t.lower()),
        site_postcode=lambda pk, name: SITES.get((pk, name.lower())),
        existing=lambda pk, name: (pk, name.lower()) in EXISTING,
        **kwargs,  # type: ignore[arg-type]
    )


def _problems(text: str, **kwargs: object) -> list[str]:
    with pytest.raises(csvfile.EnvironmentsFileError) as refused:
        _read(text, **kwargs)
    return refused.value.problems


def test_a_good_file_is_read_with_labels_or_codes_and_the_sites_postcode():
    found = _read(
        HEADER
        + 'Oak House Care,Nursing floor,Oak House,Care home,,"nursing;Social work",1;2,4\n'
        + "city-hospitals,Ward 9,,acute,ls2 7ue,midwifery,3,12\n"
    )
    assert [(x.line, x.organisation_id, x.name, x.setting, x.postcode) for x in found] == [
        (2, 1, "Nursing floor", "care_home", "LS1 4AP"),
        (3, 2, "Ward 9", "acute", "LS2 7UE"),
    ]
    assert found[0].professions == ["nursing", "social_work"]
    assert found[0].years == [1, 2]
    assert found[1].places_per_block == 12


def test_every_bad_line_and_column_is_named():
    problems = _problems(
        HEADER
        + "nowhere-trust,Ward 1,,acute,LS1 4AP,nursing,1,4\n"  # 2: unknown partner
        + "oak-house,Lounge,Back garden,care_home,,nursing,1,4\n"  # 3: unknown site
        + "oak-house,Kitchen,,castle,LS1 4AP,nursing,1,4\n"  # 4: unknown setting
        + "oak-house,Annexe,,care_home,LS1 4AP,nursing,1,four\n"  # 5: bad number
        + "oak-house,Annexe,,care_home,LS1 4AP,nursing,1,500\n"  # 6: too many places
        + "oak-house,Garden room,,care_home,LS1 4AP,nursing,1,2\n"  # 7: fine
        + "Oak House Care,garden room,,care_home,LS1 4AP,nursing,1,2\n"  # 8: duplicate of 7
        + "city-hospitals,Ward 7,,acute,LS1 4AP,nursing,1,2\n"  # 9: already there
        + "oak-house,Hall,,care_home,NOT A CODE,plumbing,7,2\n"  # 10: three problems
        + "oak-house,Extra,,care_home,LS1 4AP,nursing,1,2,surplus\n"  # 11: too many values
    )
    assert problems == [
        "Line 2: partner: 'nowhere-trust' is not a partner whose environments you add",
        "Line 3: site: the partner has no site called 'Back garden'",
        "Line 4: setting: 'castle' is not one of acute, community, mental_health, primary_care,"
        " care_home, home_care, hospice, voluntary",
        "Line 5: places_per_block: 'four' is not a whole number from 1 to 200",
        "Line 6: places_per_block: '500' is not a whole number from 1 to 200",
        "Line 8: name: garden room is also on line 7 for the same partner",
        "Line 9: name: the partner already has an environment called Ward 7",
        "Line 10: professions: 'plumbing': give one or more of nursing, nursing_associate,"
        " midwifery, physiotherapy, occupational_therapy, paramedic, speech_therapy, social_work,"
        " separated by ;",
        "Line 10: years: '7': give years of study from 1 to 4, separated by ;",
        "Line 10: postcode: 'NOT A CODE' is not a real postcode, like LS1 4AP",
        "Line 11: has 9 values, but the header has 8 columns",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name,setting,colour\n", "Line 1: unknown column 'colour'"),
        ("partner,name,setting\n", "Line 1: the header has no column professions, years"),
        (HEADER.replace("site", "name"), "Line 1: the header names column name twice"),
        ("", "The file is empty"),
        (HEADER, "Line 2: the file has no environments under its header"),
        (HEADER + 'oak-house,"Ward\n', "Line 2: a quoted value is not closed"),
    ],
)
def test_a_wrong_header_or_unreadable_file_is_named(text, problem):
    assert _problems(text)[0].startswith(problem)


def test_a_file_that_is_not_utf8_is_refused_naming_its_line():
    with pytest.raises(csvfile.EnvironmentsFileError) as refused:
        csvfile.read(
            (HEADER + "oak-house,Caf\xe9,,acute,LS1 4AP,nursing,1,2\n").encode("latin-1"),
            partner=lambda t: 1,
            site_postcode=lambda pk, name: None,
            existing=lambda pk, name: False,
        )
    assert refused.value.problems[0].startswith("Line 2: the file is not UTF-8 text")


def test_on_a_partners_page_the_partner_column_may_be_left_out_but_must_name_it():
    header = "name,setting,postcode,professions,years,places_per_block\n"
    found = _read(header + "Lounge,care_home,LS1 4AP,nursing,1,2\n", fixed_partner=(1, "Oak"))
    assert found[0].organisation_id == 1
    assert _problems(
        HEADER + "city-hospitals,Ward 2,,acute,LS1 4AP,nursing,1,2\n", fixed_partner=(1, "Oak")
    ) == ["Line 2: partner: 'city-hospitals': this file is for Oak only"]
    assert _problems(header + "Lounge,care_home,LS1 4AP,nursing,1,2\n") == [
        "Line 1: the header has no column partner"
    ]


@pytest.mark.django_db
def test_importing_adds_every_environment_and_audits_it():
    w = factories.world()
    Site.objects.create(organisation=w.care_home, name="Oak House", postcode="LS1 4AP")
    data = (
        HEADER
        + "oak-house,Lounge,Oak House,care_home,,nursing,1;2,3\n"
        + "city-hospitals,Ward 12,,acute,LS2 7UE,nursing;midwifery,2;3,10\n"
    ).encode()
    made = environments.environments_import(actor=w.coordinator, data=data)
    assert sorted(e.name for e in made) == ["Lounge", "Ward 12"]
    lounge = LearningEnvironment.objects.get(name="Lounge")
    assert (lounge.organisation, lounge.postcode, lounge.places_per_block) == (
        w.care_home,
        "LS1 4AP",
        3,
    )
    events = AuditEvent.objects.filter(action="placements.environments_imported")
    assert {e.changes["environments"]["to"] for e in events} == {1}
    assert events.count() == 2


@pytest.mark.django_db
def test_one_bad_line_writes_nothing():
    w = factories.world()
    before = LearningEnvironment.objects.count()
    data = (
        HEADER
        + "oak-house,Lounge,,care_home,LS1 4AP,nursing,1,3\n"
        + "oak-house,Hall,,care_home,LS1 4AP,nursing,1,0\n"
    ).encode()
    with pytest.raises(csvfile.EnvironmentsFileError) as refused:
        environments.environments_import(actor=w.coordinator, data=data)
    assert refused.value.problems == [
        "Line 3: places_per_block: '0' is not a whole number from 1 to 200"
    ]
    assert LearningEnvironment.objects.count() == before
    assert not AuditEvent.objects.filter(action="placements.environments_imported").exists()


@pytest.mark.django_db
def test_only_coordinators_import_for_every_partner_and_admins_for_their_own():
    w = factories.world()
    data = (HEADER + "city-hospitals,Ward 12,,acute,LS2 7UE,nursing,1,2\n").encode()
    with pytest.raises(ServiceError):
        environments.environments_import(actor=w.home_admin, data=data)
    with pytest.raises(csvfile.EnvironmentsFileError) as refused:
        environments.environments_import(actor=w.home_admin, data=data, organisation=w.care_home)
    assert refused.value.problems == [
        "Line 2: partner: 'city-hospitals': this file is for Oak House Care only"
    ]
    with pytest.raises(ServiceError):
        environments.environments_import(actor=w.home_admin, data=data, organisation=w.trust)
    assert not LearningEnvironment.objects.filter(name="Ward 12").exists()


@pytest.mark.django_db
def test_the_command_imports_a_file_or_names_every_problem(tmp_path):
    w = factories.world()
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(HEADER + "oak-house,Lounge,,care_home,LS1 4AP,nursing,1,3\n")
    bad.write_text(HEADER + "oak-house,Hall,,care_home,LS1 4AP,nursing,9,3\n")
    out = io.StringIO()
    call_command(
        "import_learning_environments",
        str(good),
        "--as",
        w.home_admin.email,
        "--partner",
        "oak-house",
        stdout=out,
    )
    assert out.getvalue().strip() == "good.csv: 1 learning environment(s) added"
    with pytest.raises(CommandError) as refused:
        call_command("import_learning_environments", str(bad), "--as", w.coordinator.email)
    assert "Line 2: years: '9': give years of study from 1 to 4" in str(refused.value)
    assert not LearningEnvironment.objects.filter(name="Hall").exists()
