"""The demo partnership: real organisations from the published file, idempotent loading."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from oneworkforce import published_data
from oneworkforce.core.postcodes import normalise
from oneworkforce.partners import demo
from oneworkforce.partners.choices import AffiliationStatus, PlaceKind, Role, Sector
from oneworkforce.partners.models import (
    Affiliation,
    Framework,
    Organisation,
    Place,
    RoleGrant,
    Signatory,
    Site,
    User,
)

pytestmark = pytest.mark.django_db
DATA = published_data.DATA_DIR
SECTORS = {
    "Acute": Sector.NHS_ACUTE,
    "Mental Health": Sector.NHS_MENTAL_HEALTH,
    "Ambulance": Sector.NHS_AMBULANCE,
    "Integrated Care Board": Sector.ICB,
    "Community Provider Trust": Sector.NHS_COMMUNITY,
}


def published_rows():
    """The real file's rows, read here independently of the loader."""
    (path,) = (DATA / published_data.TURNOVER_FOLDER).glob("*.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = published_rows()


def published(ics_code):
    """{ODS code: (name, cluster)} for the organisations the file lists for an ICS."""
    return {
        row["REPORTING_ORG_CODE"]: (row["REPORTING_ORG_NAME"], row["CLUSTER_GROUP"])
        for row in ROWS
        if row["ICS_CODE"] == ics_code
    }


def code_named(ics_code, word):
    return next(code for code, (name, _) in published(ics_code).items() if word in name)


def snapshot():
    """Everything the loader writes, without primary keys (a second run must not even save)."""
    fields = {
        Organisation: ("slug", "name", "sector", "ods_code", "place__slug", "is_demo", "summary",
                       "updated_at"),
        Place: ("slug", "name", "kind", "code", "parent__slug"),
        Site: ("organisation__slug", "name", "postcode", "address"),
        Framework: ("slug", "name", "kind", "summary"),
        Signatory: ("framework__slug", "organisation__slug", "signed_on", "signed_by_name",
                    "signed_by_job_title", "withdrawn_on", "withdrawal_reason"),
        User: ("email", "full_name", "job_title", "job_family", "level", "password"),
        RoleGrant: ("user__email", "role", "organisation__slug", "faculty__slug", "revoked_at"),
        Affiliation: ("user__email", "organisation__slug", "status", "relationship"),
    }  # fmt: skip
    return {
        model: sorted(model.objects.values_list(*names), key=repr)
        for model, names in fields.items()
    }


def write_turnover(folder: Path, rows) -> None:
    folder = folder / published_data.TURNOVER_FOLDER
    folder.mkdir(parents=True)
    with (folder / "Turnover older.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def partnership_only(monkeypatch):
    """Skip the other apps' demo records where a test is only about the partnership."""
    monkeypatch.setattr(demo, "other_app_loaders", list)


def test_it_loads_the_real_nhs_organisations_of_west_yorkshire_with_their_sectors():
    demo.load(data_dir=DATA)
    expected = published("QWO")
    assert expected, "the published file should list West Yorkshire organisations"
    loaded = {o.ods_code: o for o in Organisation.objects.exclude(ods_code="")}
    assert set(loaded) == set(expected)
    for code, (name, cluster) in expected.items():
        assert loaded[code].name == name
        assert loaded[code].sector == SECTORS[cluster]
        assert not loaded[code].is_demo


def test_invented_partners_are_flagged_and_real_ones_are_not():
    demo.load(data_dir=DATA)
    invented = Organisation.objects.filter(is_demo=True)
    assert invented.filter(sector=Sector.LOCAL_AUTHORITY).count() == 1
    assert invented.filter(sector=Sector.GP_CONFEDERATION).count() == 1
    assert invented.filter(sector=Sector.PCN).count() == 1
    assert invented.filter(sector=Sector.GP_PRACTICE).count() == 4
    assert invented.filter(sector=Sector.ADULT_SOCIAL_CARE).count() == 3
    assert invented.filter(sector=Sector.VCSE).count() == 3
    assert invented.filter(sector=Sector.EDUCATION).count() == 1
    assert not invented.exclude(ods_code="").exists()
    assert not Organisation.objects.filter(is_demo=False, ods_code="").exists()
    assert all("invented" in o.summary for o in invented)


def test_invented_partners_have_sites_with_valid_postcodes_and_real_ones_no_invented_address():
    demo.load(data_dir=DATA)
    for organisation in Organisation.objects.filter(is_demo=True):
        assert 1 <= organisation.sites.count() <= 2, organisation
    # Real organisations get no address until one comes from a published source.
    assert not Site.objects.filter(organisation__is_demo=False).exists()
    for site in Site.objects.all():
        assert normalise(site.postcode) == site.postcode
        assert site.postcode[:2] in {"LS", "BD", "HX", "HD", "WF"}, site


def test_running_it_twice_changes_nothing():
    demo.load(data_dir=DATA)
    first = snapshot()
    demo.load(data_dir=DATA)
    assert snapshot() == first


def test_west_yorkshire_has_its_five_places_and_organisations_sit_in_them():
    demo.load(data_dir=DATA)
    system = Place.objects.get(code="QWO")
    assert system.kind == PlaceKind.SYSTEM
    assert sorted(system.children.values_list("name", flat=True)) == sorted(
        demo.WEST_YORKSHIRE_PLACES
    )
    place_of = {o.ods_code: o.place.name for o in Organisation.objects.exclude(ods_code="")}
    assert place_of[code_named("QWO", "Leeds Teaching")] == "Leeds"
    assert place_of[code_named("QWO", "Airedale")] == "Bradford District and Craven"
    assert place_of[code_named("QWO", "Mid Yorkshire")] == "Wakefield"
    assert place_of[code_named("QWO", "Ambulance")] == system.name
    for invented in Organisation.objects.filter(is_demo=True):
        assert invented.place.parent == system


def test_another_ics_present_in_the_file_can_be_chosen(partnership_only):
    other = next(row["ICS_CODE"] for row in ROWS if row["ICS_CODE"] != "QWO")
    call_command("load_demo", "--ics", other.lower(), stdout=io.StringIO())
    loaded = Organisation.objects.exclude(ods_code="")
    assert set(loaded.values_list("ods_code", flat=True)) == set(published(other))
    assert Place.objects.get().code == other
    assert {o.place.code for o in Organisation.objects.all()} == {other}
    assert User.objects.filter(email="partner-admin@demo.example.org").exists()


def test_an_unknown_ics_is_named_in_the_error_with_the_valid_codes():
    with pytest.raises(CommandError, match="No ICS with code QZZ") as error:
        call_command("load_demo", ics="QZZ", stdout=io.StringIO())
    assert "QWO (West Yorkshire)" in str(error.value)
    assert not Organisation.objects.exists()


def test_a_missing_data_folder_is_a_clear_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(CommandError, match=re.escape(str(missing))):
        call_command("load_demo", data_dir=missing, stdout=io.StringIO())
    with pytest.raises(CommandError, match=re.escape(str(tmp_path))):
        call_command("load_demo", data_dir=tmp_path, stdout=io.StringIO())
    assert not Organisation.objects.exists()


def test_a_file_with_another_layout_names_the_missing_columns(tmp_path):
    folder = tmp_path / published_data.TURNOVER_FOLDER
    folder.mkdir(parents=True)
    (folder / "odd.csv").write_text("PERIOD,ORG\n202510,X\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 1: missing columns .*ICS_CODE"):
        call_command("load_demo", data_dir=tmp_path, stdout=io.StringIO())


def test_a_newer_file_listing_another_trust_loads_over_an_older_one(tmp_path):
    first_code = next(iter(published("QWO")))
    write_turnover(
        tmp_path,
        [r for r in ROWS if r["ICS_CODE"] == "QWO" and r["REPORTING_ORG_CODE"] != first_code],
    )
    demo.load(data_dir=tmp_path)
    assert not Organisation.objects.filter(ods_code=first_code).exists()
    demo.load(data_dir=DATA)
    loaded = Organisation.objects.exclude(ods_code="").values_list("ods_code", flat=True)
    assert set(loaded) == set(published("QWO"))
    for framework in Framework.objects.all():
        open_ = framework.signatories.filter(withdrawn_on=None)
        assert open_.count() == open_.values("organisation").distinct().count()


def test_all_capitals_names_are_tidied_and_others_kept_as_published():
    assert demo.tidy_name("LEEDS TEACHING HOSPITALS NHS TRUST") == (
        "Leeds Teaching Hospitals NHS Trust"
    )
    assert demo.tidy_name("KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST") == (
        "King's College Hospital NHS Foundation Trust"
    )
    assert demo.tidy_name("NHS STOKE-ON-TRENT AND THE NORTH ICB") == (
        "NHS Stoke-on-Trent and the North ICB"
    )
    assert demo.tidy_name("Leeds and York Partnership NHS Foundation Trust") == (
        "Leeds and York Partnership NHS Foundation Trust"
    )


def test_every_role_has_a_demo_person_without_a_password():
    demo.load(data_dir=DATA)
    people = User.objects.filter(email__endswith="@demo.example.org")
    granted = set(
        RoleGrant.objects.filter(user__in=people, granted_by=None, revoked_at=None).values_list(
            "role", flat=True
        )
    )
    assert granted == set(Role.values)
    assert people.filter(email="learner@demo.example.org", role_grants=None).exists()
    for person in people:
        assert person.full_name and person.profile_complete
        assert not person.has_usable_password()
    lead = RoleGrant.objects.get(user__email="faculty-lead@demo.example.org")
    assert lead.faculty.slug == "nursing-and-midwifery"


def test_the_partner_admins_have_a_trust_and_a_care_provider_and_someone_to_confirm():
    demo.load(data_dir=DATA)
    trust = RoleGrant.objects.get(user__email="partner-admin@demo.example.org").organisation
    assert trust.sector == Sector.NHS_ACUTE and not trust.is_demo
    provider = RoleGrant.objects.get(user__email="care-admin@demo.example.org").organisation
    assert provider.sector == Sector.ADULT_SOCIAL_CARE and provider.is_demo
    learner = Affiliation.objects.filter(user__email="learner@demo.example.org")
    assert learner.get(organisation=provider).status == AffiliationStatus.CONFIRMED
    assert learner.get(organisation=trust).status == AffiliationStatus.PENDING


def test_the_frameworks_have_most_trusts_signed_and_one_withdrawal():
    demo.load(data_dir=DATA)
    portability = Framework.objects.get(slug="staff-portability-framework")
    assert Framework.objects.get(slug="talent-management-mou").signatories.exists()
    trusts = Organisation.objects.exclude(ods_code="").exclude(sector=Sector.ICB)
    signed = trusts.filter(signatures__framework=portability).distinct()
    assert trusts.count() > signed.count() > trusts.count() / 2
    assert portability.signatories.filter(organisation__sector=Sector.LOCAL_AUTHORITY).exists()
    withdrawn = Signatory.objects.exclude(withdrawn_on=None)
    assert withdrawn.count() == 1
    assert withdrawn.get().withdrawal_reason
    assert not portability.has_current_signatory(withdrawn.get().organisation)


def test_it_says_it_is_a_demo_and_lists_the_sign_in_addresses(partnership_only):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "demo" in text.splitlines()[0].lower()
    assert demo.SIGN_IN_HINT in text
    for email in User.objects.filter(email__endswith="@demo.example.org").values_list(
        "email", flat=True
    ):
        assert email in text
    quiet = io.StringIO()
    call_command("load_demo", "--quiet", stdout=quiet)
    assert quiet.getvalue() == ""


def test_other_apps_add_their_demo_records_idempotently():
    from oneworkforce.decisions.models import DecisionRound, Proposal

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "Decisions:" in out.getvalue()
    closed = DecisionRound.objects.get(slug="workforce-fund-2026-27")
    assert closed.status == "closed"
    assert 0 < closed.result["total_cost"] <= closed.budget
    assert Proposal.objects.filter(status="not_passed").exists()
    before = (DecisionRound.objects.count(), Proposal.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (DecisionRound.objects.count(), Proposal.objects.count()) == before


def test_a_data_folder_without_the_sickness_files_is_refused_before_anything_is_written(tmp_path):
    write_turnover(tmp_path, [row for row in ROWS if row["ICS_CODE"] == "QWO"])
    with pytest.raises(CommandError, match=r"sickness_absence") as error:
        call_command("load_demo", data_dir=tmp_path, stdout=io.StringIO())
    assert str(tmp_path) in str(error.value)
    assert not Organisation.objects.exists()
    assert not User.objects.exists()
