"""Indicators against peers, the ICS and England; charts' geometry; the indicator pages."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.core import charts
from oneworkforce.intelligence.statistics import presenters
from oneworkforce.intelligence.statistics import selectors as indicators
from oneworkforce.intelligence.statistics import services as importing
from oneworkforce.intelligence.statistics.selectors import Row, compare, quantile, spread
from oneworkforce.partners.tests.factories import OrganisationFactory

from .shared_data import SICKNESS, TURNOVER

rates = st.floats(min_value=0, max_value=1, allow_nan=False)


@given(st.lists(rates, min_size=1, max_size=40), st.sampled_from([0.25, 0.5, 0.75]))
def test_quantile_matches_numpy_linear_interpolation(values, q):
    assert quantile(sorted(values), q) == pytest.approx(float(np.percentile(values, 100 * q)))


def test_tukey_fences_flag_outliers_only_with_enough_peers():
    peers = spread([0.01, 0.02, 0.02, 0.03, 0.03])
    assert peers is not None
    assert peers.position(0.2) == "high"
    assert peers.position(0.0) == "low"
    assert peers.position(0.012) == "lower"
    assert peers.position(0.025) == "middle"
    few = spread([0.01, 0.03])
    assert few is not None and few.position(0.5) == "upper"  # too few peers to call an outlier


row_strategy = st.builds(
    Row,
    org_code=st.sampled_from(["A", "B", "C", "D", "E", "F"]),
    org_name=st.just("x"),
    ics_code=st.sampled_from(["I1", "I2"]),
    ics_name=st.just("ics"),
    peer_group=st.sampled_from(["P1", "P2"]),
    numerator=st.floats(min_value=0, max_value=500),
    denominator=st.one_of(st.just(0.0), st.floats(min_value=1, max_value=5000)),
)


@given(st.lists(row_strategy, min_size=1, max_size=12, unique_by=lambda r: r.org_code))
def test_ics_and_england_rates_pool_numerators_and_denominators(rows):
    result = compare(rows)
    total_n = sum(r.numerator for r in rows)
    total_d = sum(r.denominator for r in rows)
    for r in rows:
        comparison = result[r.org_code]
        in_ics = [x for x in rows if x.ics_code == r.ics_code]
        ics_d = sum(x.denominator for x in in_ics)
        if ics_d > 0:
            assert comparison.ics == pytest.approx(sum(x.numerator for x in in_ics) / ics_d)
        else:
            assert comparison.ics is None
        if total_d > 0:
            assert comparison.england == pytest.approx(total_n / total_d)
        peers = [
            x.numerator / x.denominator
            for x in rows
            if x.peer_group == r.peer_group and x.denominator > 0
        ]
        if peers:
            assert comparison.peers is not None and comparison.peers.count == len(peers)
            assert comparison.peers.median == pytest.approx(float(np.median(peers)))


@pytest.fixture
def national(db):
    importing.import_file("turnover", TURNOVER)
    for path in SICKNESS[:3]:
        importing.import_file("sickness", path)


def _published(org_code: str, group: str) -> dict[str, float]:
    with TURNOVER.open(encoding="utf-8-sig", newline="") as handle:
        return {
            r["TYPE"]: float(r["HC"])
            for r in csv.DictReader(handle)
            if r["REPORTING_ORG_CODE"] == org_code and r["STAFF_GROUP_1_NAME"] == group
        }


def test_a_real_organisations_rates_follow_the_definitions(national):
    period = indicators.turnover_periods()[0]
    group = "Nurses & health visitors"
    figures = _published("RR8", group)
    mean = (figures["Denominator at start of period"] + figures["Denominator at end of period"]) / 2
    leavers = indicators.turnover_comparisons(period, group, "leavers")["RR8"]
    assert leavers.value == pytest.approx(figures.get("Leavers", 0) / mean)
    stability = indicators.turnover_comparisons(period, group, "stability")["RR8"]
    start = figures["Denominator at start of period"]
    assert stability.value == pytest.approx((start - figures.get("Leavers", 0)) / start)
    assert leavers.peer_group == "Acute - Teaching"
    assert leavers.peers is not None and leavers.peers.count > 10
    (only,) = indicators.turnover_series("RR8", group)
    assert (only["month"], only["comparison"].value) == (period, leavers.value)


def test_an_organisation_page_shows_each_staff_group_against_peers(national, client):
    response = client.get("/intelligence/organisations/RR8/")
    assert response.status_code == 200
    rows = response.context["turnover_rows"]
    assert rows[0]["staff_group"] == "All staff groups"
    assert {r["staff_group"] for r in rows} >= {"Nurses & health visitors", "Midwives"}
    assert len(response.context["sickness_rows"]) == 3
    assert b"Sickness absence month by month" in response.content


def test_the_turnover_page_lists_partners_and_falls_back_on_bad_filters(national, client):
    OrganisationFactory(ods_code="RR8", name="Leeds Teaching Hospitals")
    response = client.get("/intelligence/turnover/?period=1999-01-01&measure=zzz&scope=x")
    assert response.status_code == 200
    assert response.context["chosen"]["measure"] == "leavers"
    assert [r.org_code for r in response.context["rows"]] == ["RR8"]
    everyone = client.get("/intelligence/turnover/?scope=england&measure=joiners")
    assert len(everyone.context["rows"]) > 200
    assert everyone.context["chart"] is None  # too many rows to draw; the table has them


def test_turnover_csv_export_has_the_figures(national, client):
    OrganisationFactory(ods_code="RR8")
    response = client.get("/intelligence/turnover/?staff_group=Midwives&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["org_code"] for r in rows] == ["RR8"]
    assert rows[0]["staff_group"] == "Midwives"
    assert float(rows[0]["rate"]) >= 0


def test_the_sickness_page_compares_with_organisations_of_the_same_type(national, client):
    OrganisationFactory(ods_code="RR8")
    response = client.get("/intelligence/sickness/?scope=ics")
    rows = response.context["rows"]
    assert "RR8" in {r.org_code for r in rows}
    assert all(r.ics_code == rows[0].ics_code for r in rows)


def test_pages_without_figures_say_how_to_import(db, client):
    response = client.get("/intelligence/turnover/")
    assert response.status_code == 200
    assert b"import_workforce_stats --kind turnover" in response.content
    assert client.get("/intelligence/organisations/RR8/").status_code == 404
    assert client.get("/intelligence/organisations/not-a-code!/").status_code == 404


def test_the_api_gives_the_same_comparison(national, client):
    OrganisationFactory(ods_code="RR8")
    data = client.get("/api/v1/intelligence/turnover?staff_group=Midwives").json()
    period = indicators.turnover_periods()[0]
    expected = indicators.turnover_comparisons(period, "Midwives", "leavers")["RR8"]
    (item,) = data["organisations"]
    assert item["value"] == pytest.approx(expected.value)
    assert item["peers"]["median"] == pytest.approx(expected.peers.median)
    bad = client.get("/api/v1/intelligence/turnover?period=1999-01-01")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "query.period"


# Chart geometry ---------------------------------------------------------------------------------


@given(st.floats(min_value=1e-9, max_value=1e9))
def test_the_axis_end_is_at_or_above_the_largest_value_and_not_far_above(value):
    top = charts.nice_maximum(value)
    assert value <= top * (1 + 1e-9) and top <= 2.5 * value


def test_a_dot_plot_places_values_in_proportion():
    chart = charts.dot_plot(
        [{"label": "A", "value": 0.05, "lower": 0.02, "median": 0.03, "upper": 0.04}]
    )
    (row,) = chart.rows
    origin = charts.PLOT_LEFT
    scale = charts.PLOT_WIDTH / charts.nice_maximum(0.05)
    assert row.x == pytest.approx(origin + 0.05 * scale, abs=0.1)
    assert row.band == pytest.approx((origin + 0.02 * scale, origin + 0.04 * scale), abs=0.1)


def test_a_waterfall_starts_each_step_where_the_last_ended():
    chart = charts.bar_chart(
        [("Start", 100, ""), ("Joiners", 30, ""), ("Leavers", -50, ""), ("End", 80, "")],
        waterfall=True,
    )
    start, joiners, leavers, end = chart.bars
    assert joiners.x == pytest.approx(start.x + start.width, abs=0.2)
    assert leavers.x + leavers.width == pytest.approx(joiners.x + joiners.width, abs=0.2)
    assert leavers.colour != joiners.colour
    assert end.width == pytest.approx(start.width * 0.8, abs=0.2)


def test_the_overview_says_where_each_partner_stands_against_its_peers(national, client):
    OrganisationFactory(ods_code="RR8")
    response = client.get("/intelligence/")
    (leeds,) = response.context["leavers"]
    assert presenters.POSITION_TEXT[leeds.position].encode() in response.content


def test_long_labels_are_cut_with_an_ellipsis():
    assert charts.short("x" * 40) == "x" * 33 + "…"
    assert charts.short("Leeds") == "Leeds"
