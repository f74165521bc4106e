"""Importing postcode locations, and placing postcodes from what is stored."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from oneworkforce.core import geography
from oneworkforce.core.models import AuditEvent, PostcodeLocation
from oneworkforce.core.postcodes import outward

pytestmark = pytest.mark.django_db

SIMPLE = (
    "# a small test file\n"
    "postcode,latitude,longitude\n"
    "LS1 4AP,53.7968,-1.5464\n"
    "LS1 5AA,53.7990,-1.5500\n"
    "BD1,53.7950,-1.7520\n"
)
ONSPD = (
    "pcd,pcds,doterm,lat,long,icb\n"
    '"LS1 4AP","LS1 4AP","",53.796800,-1.546400,"E54000054"\n'
    '"GY1 1AA","GY1 1AA","",99.999999,0.000000,"E99999999"\n'
    '"LS6 9ZZ","LS6 9ZZ","200104",53.820000,-1.575000,"E54000054"\n'
)


def write(tmp_path: Path, text: str, name: str = "locations.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_postcodes", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def stored() -> dict[str, tuple[float, float, str]]:
    return {
        p.postcode: (p.latitude, p.longitude, p.outward_code)
        for p in PostcodeLocation.objects.all()
    }


def store(postcode: str, latitude: float, longitude: float) -> None:
    PostcodeLocation.objects.create(
        postcode=postcode,
        outward_code=outward(postcode) if " " in postcode else postcode,
        latitude=latitude,
        longitude=longitude,
        source="test",
    )


# The command


def test_it_imports_postcodes_and_districts_and_says_what_it_did(tmp_path):
    out = run(write(tmp_path, SIMPLE, "west.csv"))
    assert stored() == {
        "BD1": (53.795, -1.752, "BD1"),
        "LS1 4AP": (53.7968, -1.5464, "LS1"),
        "LS1 5AA": (53.799, -1.55, "LS1"),
    }
    assert set(PostcodeLocation.objects.values_list("source", flat=True)) == {"west.csv"}
    assert "west.csv (postcode,latitude,longitude): 3 locations; 3 new, 0 updated" in out
    assert "1 of them postcode districts" in out


def test_it_imports_the_ons_postcode_directory_keeping_terminated_postcodes(tmp_path):
    out = run(write(tmp_path, ONSPD, "ONSPD_FEB_2025_UK.csv"))
    assert set(stored()) == {"LS1 4AP", "LS6 9ZZ"}
    assert "1 rows without a grid reference skipped" in out
    assert "1 terminated postcodes kept" in out


def test_it_writes_nothing_from_a_bad_file_and_names_each_bad_line(tmp_path):
    store("WF1 1AA", 53.68, -1.49)
    bad = write(
        tmp_path,
        "postcode,latitude,longitude\n"
        "LS1 4AP,53.7968,-1.5464\n"
        "LS1 XXX,53.8,-1.5\n"
        "LS2,53.8,west\n"
        "LS3,62.1,-1.5\n",
        "bad.csv",
    )
    with pytest.raises(CommandError) as raised:
        run(bad, "--replace")
    message = str(raised.value)
    assert message.startswith("bad.csv: nothing was imported.")
    assert "line 3, column postcode: 'LS1 XXX' is not a UK postcode" in message
    assert "line 4, column longitude: 'west' is not a number" in message
    assert "line 5, column latitude: 62.1 is outside the United Kingdom" in message
    assert "line 2" not in message
    assert set(stored()) == {"WF1 1AA"}
    assert not AuditEvent.objects.filter(action="core.postcodes_import").exists()


def test_it_refuses_a_file_that_is_not_there(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "missing.csv")


def test_it_changes_nothing_when_the_same_file_is_imported_twice(tmp_path):
    path = write(tmp_path, SIMPLE)
    run(path)
    first = stored()
    out = run(path)
    assert stored() == first
    assert PostcodeLocation.objects.count() == 3
    assert "3 locations; 0 new, 3 updated" in out


def test_it_updates_a_postcode_already_held_and_keeps_the_others(tmp_path):
    store("WF1 1AA", 53.68, -1.49)
    store("LS1 4AP", 50.0, -1.0)
    run(write(tmp_path, SIMPLE))
    held = stored()
    assert held["LS1 4AP"] == (53.7968, -1.5464, "LS1")
    assert "WF1 1AA" in held


def test_it_removes_every_location_held_before_when_replacing(tmp_path):
    store("WF1 1AA", 53.68, -1.49)
    store("LS1 4AP", 50.0, -1.0)
    out = run(write(tmp_path, SIMPLE), "--replace")
    assert set(stored()) == {"LS1 4AP", "LS1 5AA", "BD1"}
    assert "2 held before removed" in out


def test_it_records_the_import_in_the_audit_log(tmp_path):
    run(write(tmp_path, SIMPLE, "west.csv"))
    event = AuditEvent.objects.get(action="core.postcodes_import")
    assert event.actor is None
    assert event.object_type == "core.postcodelocation"
    assert event.object_repr == "Postcode locations from west.csv"
    assert event.changes["file"] == "west.csv"
    assert (event.changes["locations"], event.changes["created"]) == (3, 3)


def test_it_prints_nothing_when_quiet(tmp_path):
    assert run(write(tmp_path, SIMPLE), "--quiet") == ""
    assert PostcodeLocation.objects.count() == 3


# Placing postcodes


@pytest.fixture
def places():
    store("LS1 4AP", 53.7968, -1.5464)
    store("LS6 1AA", 53.81, -1.57)
    store("LS6 2BB", 53.83, -1.59)
    store("BD1", 53.795, -1.752)
    store("BD1 1AA", 53.7, -1.7)  # a stored district row wins over its postcodes' mean


def test_it_places_a_stored_postcode_exactly(places):
    assert geography.locate("ls1 4ap") == (53.7968, -1.5464)


def test_it_places_an_unknown_postcode_at_its_districts_row(places):
    assert geography.locate("BD1 9ZZ") == (53.795, -1.752)


def test_it_places_a_postcode_at_the_mean_of_its_districts_postcodes(
    places, django_assert_num_queries
):
    with django_assert_num_queries(2):
        where = geography.locate("LS6 9ZZ")
    assert where == pytest.approx((53.82, -1.58))


def test_it_places_a_district_given_on_its_own(places):
    assert geography.locate("bd1") == (53.795, -1.752)
    assert geography.locate("LS6") == pytest.approx((53.82, -1.58))


@pytest.mark.parametrize("unplaceable", ["WF1 1AA", "WF1", "LS10 1AA", "not a postcode", ""])
def test_it_answers_none_for_a_postcode_it_cannot_place(places, unplaceable):
    assert geography.locate(unplaceable) is None


def test_it_does_not_take_a_longer_district_for_a_shorter_one(places):
    store("LS10 1AA", 53.77, -1.53)
    assert geography.locate("LS1 9ZZ") == (53.7968, -1.5464)
    assert geography.locate("LS10 9ZZ") == (53.77, -1.53)


def test_it_places_many_postcodes_in_a_bounded_number_of_queries(
    places, django_assert_max_num_queries
):
    given = ["LS1 4AP", "ls1 4ap", "BD1 9ZZ", "LS6 9ZZ", "LS6 1AA", "WF1 1AA", "nonsense"]
    given += [f"LS{n} {m}AA" for n in range(1, 30) for m in range(10)]
    with django_assert_max_num_queries(2):
        located = geography.locate_many(given)
    assert located["LS1 4AP"] == located["ls1 4ap"] == (53.7968, -1.5464)
    assert located["BD1 9ZZ"] == (53.795, -1.752)
    assert located["LS6 9ZZ"] == pytest.approx((53.82, -1.58))
    assert located["LS6 1AA"] == (53.81, -1.57)
    assert "WF1 1AA" not in located
    assert "nonsense" not in located
    assert "LS20 1AA" not in located


def test_it_finds_the_sites_within_a_radius_of_a_postcode(places):
    origin = geography.locate("LS1 4AP")
    assert origin is not None
    sites = geography.locate_many(["LS6 1AA", "BD1 1AA"])
    near = geography.within_km(origin, sites, 5)
    assert list(near) == ["LS6 1AA"]
    assert near["LS6 1AA"] == pytest.approx(2.0, abs=0.3)


# The demo partnership


def test_it_loads_the_demo_districts_idempotently():
    count = geography.load_demo_postcodes()
    assert count == PostcodeLocation.objects.count() == 86
    first = stored()
    assert geography.load_demo_postcodes() == count
    assert stored() == first
    assert {p.outward_code for p in PostcodeLocation.objects.all()} >= {
        "LS1", "LS3", "LS6", "LS7", "LS11", "BD1", "BD3", "BD9",
        "HX1", "HX3", "HD1", "WF1", "WF2", "WF3",
    }  # fmt: skip


def test_it_places_every_site_of_the_demo_partners():
    from oneworkforce.partners.demo import INVENTED

    geography.load_demo_postcodes()
    postcodes = [postcode for item in INVENTED for _, postcode in item.sites]
    assert postcodes
    located = geography.locate_many(postcodes)
    assert sorted(set(postcodes) - set(located)) == []
    leeds = geography.locate("LS1 4AP")
    bradford = geography.locate("BD1 1AA")
    assert leeds and bradford
    assert geography.haversine_km(*leeds, *bradford) == pytest.approx(13.5, abs=1.5)


def test_a_postcode_s_deprivation_decile_falls_back_to_its_district(tmp_path):
    run(
        write(
            tmp_path,
            "postcode,latitude,longitude,imd_decile\n"
            "LS9 7AB,53.80,-1.51,1\nLS9,53.80,-1.51,2\nBD1,53.79,-1.75,\n",
        )
    )
    assert geography.deprivation_decile("ls9 7ab") == 1
    assert geography.deprivation_decile("LS9 9ZZ") == 2  # only the district is known
    assert geography.deprivation_decile("BD1 1AA") is None
    assert geography.deprivation_decile("not a postcode") is None
    assert PostcodeLocation.objects.get(postcode="LS9").imd_decile == 2


def test_the_demo_districts_carry_illustrative_deciles():
    geography.load_demo_postcodes()
    assert geography.deprivation_decile("LS8 5AB") == 1
    assert geography.deprivation_decile("LS22 6AA") == 9
