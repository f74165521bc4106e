"""The Django-free postcode geography: distances and postcode location files."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.core import geo
from oneworkforce.core.postcodes import InvalidPostcode

LEEDS = (53.7955, -1.5476)  # the railway station
BRADFORD = (53.7926, -1.7521)  # City Hall
LONDON = (51.5074, -0.1278)
EDINBURGH = (55.9533, -3.1883)

ONSPD_HEADER = "pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m,osgrdind,lat,long,icb"

latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)
points = st.tuples(latitudes, longitudes)


def write(tmp_path: Path, text: str, name: str = "locations.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read_all(path: Path) -> tuple[list[geo.Location], geo.FileSummary]:
    summary = geo.FileSummary(path.name)
    rows = [row for batch in geo.read_batches(path, summary=summary) for row in batch]
    return rows, summary


def problems(path: Path) -> list[str]:
    with pytest.raises(geo.PostcodeFileError) as raised:
        geo.check_file(path)
    assert raised.value.name == path.name
    return raised.value.messages


def onspd_row(pcds: str, lat: str, long: str, doterm: str = "") -> str:
    compact = pcds.replace(" ", "")
    return (
        f'"{compact:<7}","{pcds:<8}","{pcds}","198001","{doterm}",'
        f'"429000","433000","1",{lat},{long},"E54000054"'
    )


# Distances


def test_it_measures_leeds_to_bradford_as_about_13_and_a_half_km():
    assert geo.haversine_km(*LEEDS, *BRADFORD) == pytest.approx(13.4, abs=0.3)


def test_it_measures_london_to_edinburgh_as_about_534_km():
    assert geo.haversine_km(*LONDON, *EDINBURGH) == pytest.approx(534, abs=3)


def test_it_measures_a_degree_of_longitude_on_the_equator_as_a_360th_of_the_circumference():
    expected = 2 * math.pi * geo.EARTH_RADIUS_KM / 360
    assert geo.haversine_km(0, 0, 0, 1) == pytest.approx(expected, rel=1e-12)


def test_it_measures_pole_to_pole_as_half_the_circumference():
    expected = math.pi * geo.EARTH_RADIUS_KM
    assert geo.haversine_km(90, 0, -90, 0) == pytest.approx(expected, rel=1e-12)


@given(points, points)
def test_it_measures_the_same_distance_both_ways(a, b):
    assert geo.haversine_km(*a, *b) == pytest.approx(geo.haversine_km(*b, *a), abs=1e-9)


@given(points)
def test_it_measures_zero_from_a_point_to_itself(a):
    assert geo.haversine_km(*a, *a) == 0


@given(points, points, points)
def test_it_never_makes_a_detour_shorter_than_the_direct_way(a, b, c):
    direct = geo.haversine_km(*a, *c)
    detour = geo.haversine_km(*a, *b) + geo.haversine_km(*b, *c)
    # Near-antipodal points lose some precision in asin; a metre is far below any use here.
    assert direct <= detour + 1e-3


@given(points, points)
def test_it_never_measures_more_than_half_the_circumference(a, b):
    assert 0 <= geo.haversine_km(*a, *b) <= math.pi * geo.EARTH_RADIUS_KM + 1e-9


def test_it_keeps_only_places_inside_the_radius_nearest_first():
    places = {"bradford": BRADFORD, "leeds": LEEDS, "edinburgh": EDINBURGH, "here": LEEDS}
    found = geo.within_km(LEEDS, places, 20)
    assert list(found) == ["leeds", "here", "bradford"]
    assert found["leeds"] == 0
    assert found["bradford"] == pytest.approx(13.4, abs=0.3)


def test_it_counts_a_place_exactly_on_the_radius_as_inside():
    distance = geo.haversine_km(*LEEDS, *BRADFORD)
    assert geo.within_km(LEEDS, {"b": BRADFORD}, distance) == {"b": distance}


@pytest.mark.parametrize("km", [-1, math.nan])
def test_it_refuses_a_radius_that_is_negative_or_not_a_number(km):
    with pytest.raises(ValueError, match="radius"):
        geo.within_km(LEEDS, {"b": BRADFORD}, km)


# Postcodes and districts


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("ls1 4ap", "LS1 4AP"),
        ("LS14AP", "LS1 4AP"),
        ("ls1", "LS1"),
        (" ls 11 ", "LS11"),
        ("W1A", "W1A"),
    ],
)
def test_it_normalises_a_postcode_or_a_district(given_text, expected):
    assert geo.normalise_postcode_or_district(given_text) == expected


@pytest.mark.parametrize("bad", ["", "L", "1LS", "LS1 4A", "LS1A4", "LEEDS"])
def test_it_refuses_what_is_neither_a_postcode_nor_a_district(bad):
    with pytest.raises(InvalidPostcode):
        geo.normalise_postcode_or_district(bad)


# Reading files


def test_it_reads_the_simple_layout_with_postcodes_and_districts(tmp_path):
    path = write(
        tmp_path,
        "\ufeff# approximate, for the demo\n"
        "latitude,Postcode,longitude\n"
        "53.797,ls1 4ap,-1.548\n"
        "\n"
        "# a comment between rows\n"
        "53.792,BD1,-1.752\n",
    )
    rows, summary = read_all(path)
    assert [(r.postcode, r.latitude, r.longitude, r.line) for r in rows] == [
        ("LS1 4AP", 53.797, -1.548, 3),
        ("BD1", 53.792, -1.752, 6),
    ]
    assert [r.is_district for r in rows] == [False, True]
    assert [r.outward_code for r in rows] == ["LS1", "BD1"]
    assert (summary.layout, summary.rows, summary.locations, summary.districts) == (
        geo.SIMPLE,
        2,
        2,
        1,
    )


def test_it_reads_the_ons_postcode_directory_skipping_rows_without_a_grid_reference(tmp_path):
    path = write(
        tmp_path,
        ONSPD_HEADER.upper()
        + "\n"
        + "\n".join(
            [
                onspd_row("LS1 4AP", "53.796768", "-1.546430"),
                onspd_row("LS1 9ZZ", "99.999999", "0.000000"),
                onspd_row("BD1 1AA", "53.794000", "-1.751000", doterm="200012"),
            ]
        )
        + "\n",
    )
    rows, summary = read_all(path)
    assert [(r.postcode, r.latitude, r.longitude, r.line) for r in rows] == [
        ("LS1 4AP", 53.796768, -1.54643, 2),
        ("BD1 1AA", 53.794, -1.751, 4),
    ]
    assert summary.layout == geo.ONSPD
    assert (summary.rows, summary.locations, summary.no_grid_reference) == (3, 2, 1)
    assert summary.terminated == 1  # kept, and counted


@pytest.mark.parametrize("column", ["pcd", "pcd7", "pcd8"])
def test_it_takes_the_postcode_from_whichever_ons_postcode_column_the_file_has(tmp_path, column):
    path = write(tmp_path, f'{column},lat,long,ru11ind\n"LS1  4AP",53.7968,-1.5464,C1\n')
    rows, _ = read_all(path)
    assert [r.postcode for r in rows] == ["LS1 4AP"]


def test_it_hands_a_large_file_over_in_batches(tmp_path):
    lines = ["postcode,latitude,longitude"]
    lines += [
        f"LS{1 + n // 1000} {n % 10}{chr(65 + n // 10 % 26)}{chr(65 + n // 260 % 4)},53.8,-1.5"
        for n in range(2500)
    ]
    path = write(tmp_path, "\n".join(lines) + "\n")
    sizes = [len(batch) for batch in geo.read_batches(path, batch_size=1000)]
    assert sizes == [1000, 1000, 500]


def test_it_reports_progress_as_the_bytes_read(tmp_path):
    path = write(tmp_path, "postcode,latitude,longitude\nLS1,53.797,-1.548\n")
    seen: list[int] = []
    geo.check_file(path, progress=seen.append)
    assert sum(seen) == path.stat().st_size


# Faults: each names its line (and its column where it has one), and all are listed


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("LS1 4A,53.8,-1.5", "line 3, column postcode: 'LS1 4A' is not a UK postcode or postcode"),
        (",53.8,-1.5", "line 3, column postcode: is empty"),
        ("LS1 4AP,north,-1.5", "line 3, column latitude: 'north' is not a number"),
        ("LS1 4AP,,-1.5", "line 3, column latitude: is empty"),
        ("LS1 4AP,48.9,-1.5", "line 3, column latitude: 48.9 is outside the United Kingdom"),
        ("LS1 4AP,nan,-1.5", "line 3, column latitude: nan is outside the United Kingdom"),
        ("LS1 4AP,53.8,2.6", "line 3, column longitude: 2.6 is outside the United Kingdom"),
        ("LS1 4AP,53.8,inf", "line 3, column longitude: inf is outside the United Kingdom"),
        ("LS1 4AP,53.8", "line 3: has 2 values, expected 3"),
        ('LS1 4AP,"53.8"x,-1.5', "line 3: cannot be read as CSV"),
    ],
)
def test_it_names_the_line_and_column_of_a_bad_row(tmp_path, row, message):
    path = write(tmp_path, f"postcode,latitude,longitude\nBD1,53.79,-1.75\n{row}\n")
    found = problems(path)
    assert len(found) == 1
    assert found[0].startswith(message)


def test_it_names_both_lines_of_a_repeated_postcode(tmp_path):
    path = write(
        tmp_path,
        "postcode,latitude,longitude\nLS1 4AP,53.8,-1.5\nBD1,53.79,-1.75\nls14ap,53.9,-1.6\n",
    )
    assert problems(path) == ["line 4, column postcode: LS1 4AP repeats line 2"]


def test_it_names_a_line_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"postcode,latitude,longitude\nLS1,53.8,-1.5\nBD1 \xa31,53.8,-1.7\n")
    assert problems(path) == ["line 3: is not UTF-8 text (is it a CSV file?)"]


def test_it_refuses_a_district_in_the_ons_postcode_directory(tmp_path):
    path = write(tmp_path, "pcds,lat,long\nLS1,53.8,-1.5\n")
    assert problems(path) == ["line 2, column pcds: 'LS1' is not a UK postcode"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "line 1: the file is empty"),
        ("# only a comment\n\n", "line 1: the file is empty"),
        ("postcode,latitude\nLS1,53.8\n", "line 1: missing the column longitude"),
        ("postcode,latitude,longitude,name\n", "line 1: unknown column name"),
        ("postcode,latitude,latitude,longitude\n", "line 1: the column latitude appears"),
        ("code,y,x\nLS1,53.8,-1.5\n", "line 1: expected the columns postcode, latitude and"),
        ("postcode,latitude,longitude\n", "line 2: the file has no locations"),
    ],
)
def test_it_names_the_line_of_a_bad_header_or_an_empty_file(tmp_path, text, message):
    found = problems(write(tmp_path, text))
    assert found[0].startswith(message)


def test_it_refuses_a_directory_file_whose_every_postcode_lacks_a_grid_reference(tmp_path):
    path = write(tmp_path, f"{ONSPD_HEADER}\n{onspd_row('GY1 1AA', '99.999999', '0.000000')}\n")
    assert problems(path) == ["line 2: the file has no locations (1 rows had no grid reference)"]


def test_it_lists_every_fault_in_line_order(tmp_path):
    path = write(
        tmp_path,
        "postcode,latitude,longitude\n"
        "LS1 4AP,53.8,-1.5\n"
        "XX,53.8,-1.5\n"
        "LS2,,-1.5\n"
        "LS1 4AP,53.8,-1.5\n"
        "LS3,53.8,9\n",
    )
    assert problems(path) == [
        "line 3, column postcode: 'XX' is not a UK postcode or postcode district",
        "line 4, column latitude: is empty",
        "line 5, column postcode: LS1 4AP repeats line 2",
        "line 6, column longitude: 9 is outside the United Kingdom (-9 to 2.5 degrees east)",
    ]


def test_it_lists_at_most_twenty_faults_and_says_how_many_more(tmp_path):
    rows = "".join(f"LS{n},x,-1.5\n" for n in range(1, 31))
    found = problems(write(tmp_path, "postcode,latitude,longitude\n" + rows))
    assert len(found) == geo.MAX_ERRORS + 1
    assert found[0].startswith("line 2, column latitude:")
    assert found[-1] == "10 more problems not listed; correct these first"


def test_it_hands_over_no_batch_after_the_first_fault(tmp_path):
    path = write(
        tmp_path,
        "postcode,latitude,longitude\nLS1,53.8,-1.5\nLS2,53.8,-1.5\nLS3,x,-1.5\nLS4,53.8,-1.5\n",
    )
    handed: list[int] = []
    with pytest.raises(geo.PostcodeFileError):
        for batch in geo.read_batches(path, batch_size=1):
            handed.extend(row.line for row in batch)
    assert handed == [2, 3]


def test_it_imports_nothing_from_django():
    code = (
        "import sys, oneworkforce.core.geo;"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'django'];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# Deprivation deciles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rank", "decile"),
    [(1, 1), (3284, 1), (3285, 2), (16422, 5), (16423, 6), (geo.ENGLAND_LSOAS, 10)],
)
def test_an_imd_rank_becomes_its_decile_at_the_boundaries(rank, decile):
    assert geo.imd_decile(rank) == decile


@given(st.integers(1, geo.ENGLAND_LSOAS), st.integers(1, geo.ENGLAND_LSOAS))
def test_a_more_deprived_rank_never_has_a_higher_decile(a, b):
    low, high = sorted((a, b))
    assert 1 <= geo.imd_decile(low) <= geo.imd_decile(high) <= 10


def test_it_reads_english_ranks_as_deciles_and_leaves_other_nations_empty(tmp_path):
    path = write(
        tmp_path,
        "pcds,lat,long,ctry,imd\n"
        "LS9 7AB,53.80,-1.51,E92000001,120\n"
        "CF10 1AA,51.48,-3.18,W92000004,5\n"
        "LS1 4AP,53.79,-1.54,E92000001,\n",
    )
    locations, _ = read_all(path)
    assert {loc.postcode: loc.imd_decile for loc in locations} == {
        "LS9 7AB": 1,
        "CF10 1AA": None,
        "LS1 4AP": None,
    }


def test_a_bad_rank_or_decile_is_named_by_line_and_column(tmp_path):
    onspd = write(tmp_path, "pcds,lat,long,ctry,imd\nLS9 7AB,53.80,-1.51,E92000001,99999\n")
    assert problems(onspd) == ["line 2, column imd: '99999' is not a rank from 1 to 32844"]
    simple = write(tmp_path, "postcode,latitude,longitude,imd_decile\nLS9,53.8,-1.51,11\n", "s.csv")
    assert problems(simple) == ["line 2, column imd_decile: '11' is not a decile from 1 to 10"]
