"""The demo partnership: real organisations from the published file, idempotent loading."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from oneworkforce.partners import demo
from oneworkforce.partners.choices import Role, Sector
from oneworkforce.partners.models import (
    Affiliation,
    Organisation,
    Place,
    RoleGrant,
    Signatory,
    Site,
    User,
)

pytestmark = pytest.mark.django_db
DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


def published(ics_code):
    """The organisations the real file lists for an ICS, read independently of the loader."""
    path = demo.turnover_file(DATA)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {
            row["REPORTING_ORG_CODE"]: (row["REPORTING_ORG_NAME"], row["CLUSTER_GROUP"])
            for row in csv.DictReader(handle)
            if row["ICS_CODE"] == ics_code
        }


def counts():
    return tuple(
        model.objects.count()
        for model in (Organisation, Place, Site, Signatory, User, RoleGrant, Affiliation)
    )


def test_it_loads_the_real_nhs_organisations_of_west_yorkshire_with_their_sectors():
    demo.load(data_dir=DATA)
    expected = published("QWO")
    assert expected, "the published file should list West Yorkshire organisations"
    loaded = {o.ods_code: o for o in Organisation.objects.exclude(ods_code="")}
    assert set(loaded) == set(expected)
    sectors = {
        "Acute": Sector.NHS_ACUTE,
        "Mental Health": Sector.NHS_MENTAL_HEALTH,
        "Ambulance": Sector.NHS_AMBULANCE,
        "Integrated Care Board": Sector.ICB,
        "Community Provider Trust": Sector.NHS_COMMUNITY,
    }
    for code, (name, cluster) in expected.items():
        assert loaded[code].name == name
        assert loaded[code].sector == sectors[cluster]
        assert not loaded[code].is_demo


def test_invented_partners_are_flagged_and_real_ones_are_not():
    demo.load(data_dir=DATA)
    invented = Organisation.objects.filter(is_demo=True)
    assert invented.filter(sector=Sector.LOCAL_AUTHORITY).exists()
    assert invented.filter(sector=Sector.GP_PRACTICE).count() >= 4
    assert invented.filter(sector=Sector.ADULT_SOCIAL_CARE).count() >= 3
    assert invented.filter(sector=Sector.VCSE).count() >= 3
    assert invented.filter(sector=Sector.EDUCATION).exists()
    assert not invented.exclude(ods_code="").exists()


def test_running_it_twice_changes_nothing():
    demo.load(data_dir=DATA)
    first = counts()
    demo.load(data_dir=DATA)
    assert counts() == first


def test_west_yorkshire_has_its_five_places():
    demo.load(data_dir=DATA)
    system = Place.objects.get(code="QWO")
    assert sorted(system.children.values_list("name", flat=True)) == sorted(
        demo.WEST_YORKSHIRE_PLACES
    )
    leeds = Organisation.objects.get(ods_code="RR8")
    assert leeds.place.name == "Leeds"


def test_another_ics_can_be_chosen():
    other = next(code for code in ("QF7", "QE1", "QHM") if published(code))
    demo.load(data_dir=DATA, ics_code=other)
    assert set(Organisation.objects.exclude(ods_code="").values_list("ods_code", flat=True)) == set(
        published(other)
    )


def test_an_unknown_ics_is_named_in_the_error():
    with pytest.raises(CommandError, match="No ICS with code QZZ"):
        call_command("load_demo", ics="QZZ", stdout=io.StringIO())
    assert not Organisation.objects.exists()


def test_a_missing_data_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=re.escape(str(tmp_path))):
        call_command("load_demo", data_dir=tmp_path, stdout=io.StringIO())


def test_a_file_with_another_layout_names_the_missing_columns(tmp_path):
    folder = tmp_path / "real" / "nhs_workforce" / "turnover"
    folder.mkdir(parents=True)
    (folder / "odd.csv").write_text("PERIOD,ORG\n202510,X\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 1: missing columns .*ICS_CODE"):
        call_command("load_demo", data_dir=tmp_path, stdout=io.StringIO())


def test_every_role_has_a_demo_person_and_the_partner_admin_has_someone_to_confirm():
    demo.load(data_dir=DATA)
    granted = set(
        RoleGrant.objects.filter(user__email__endswith="@demo.example.org").values_list(
            "role", flat=True
        )
    )
    assert granted == set(Role.values)
    admin = User.objects.get(email="partner-admin@demo.example.org")
    organisation = admin.role_grants.get().organisation
    assert Affiliation.objects.filter(organisation=organisation, status="pending").exists()


def test_the_frameworks_have_signatories_including_a_withdrawal():
    demo.load(data_dir=DATA)
    assert Signatory.objects.filter(framework__slug="staff-portability-framework").count() > 10
    withdrawn = Signatory.objects.exclude(withdrawn_on=None)
    assert withdrawn.count() == 1
    assert withdrawn.get().withdrawal_reason


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
