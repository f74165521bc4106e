"""The scenario page's presenters, without a database: a real projection of the documented
example (new roles in primary care) shaped for the page, and the changes described in words."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

import pytest

from oneworkforce.intelligence import projection
from oneworkforce.intelligence.scenarios import presenters

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "new-roles.toml"
NEW_ROLE = {
    "kind": "new_role",
    "name": "Pharmacists in PCNs",
    "per_month": 2.0,
    "cell": "PCN/Pharmacists",
    "sources": [{"share": 0.25, "where": {"staff_groups": ["Pharmacists"]}}],
}


@pytest.fixture(scope="module")
def outcome():
    variant = dataclasses.replace(projection.scenario_from_file(EXAMPLE), horizon_months=36)
    baseline = dataclasses.replace(variant, interventions=())
    compared = projection.compare(baseline, [variant], runs=40, seed=7)
    return SimpleNamespace(
        scenario=SimpleNamespace(interventions=[NEW_ROLE]),
        result=compared.variants[0],
        baseline=compared.baseline,
        warnings=["Home care loses 3 % of its staff"],
    )


def test_months_read_as_month_and_year():
    assert presenters.year_label("2025-11") == "Nov 2025"
    assert presenters.year_label("2030-01") == "Jan 2030"


@pytest.mark.parametrize(
    ("item", "text"),
    [
        (
            {"kind": "leaver_rate", "percentage_points": -2, "start_month": 6},
            "yearly leaver rate -2 points for everyone, from month 6",
        ),
        (
            {"kind": "training", "intake_per_year": 20, "cell": "A/B", "duration_months": 36},
            "20 trainees a year into A/B, 36 months, 0% do not finish",
        ),
        (NEW_ROLE, "2 a month into PCN/Pharmacists, 25% from Pharmacists"),
        (
            {"kind": "demand_growth", "annual_growth": 0.015},
            "demand grows 1.5% a year, from month 0",
        ),
        ({"kind": "something new"}, "something new"),
    ],
)
def test_each_change_is_described_in_words(item, text):
    assert presenters._describe(item) == text


def test_the_page_has_a_row_a_reported_year_and_the_baseline_beside_it(outcome):
    view = presenters.page(outcome, "total", backtest=None)
    assert view["compared"] is True and view["group_label"] == "Everyone"
    years = ["Nov 2025", "Nov 2026", "Nov 2027", "Nov 2028"]
    assert [r["label"] for r in view["year_rows"]] == years
    for row in view["year_rows"]:
        assert row["p5"] <= row["p25"] <= row["p50"] <= row["p75"] <= row["p95"]
        assert "baseline_p50" in row
    assert view["warnings"] == ["Home care loses 3 % of its staff"]
    assert view["interventions"] == [
        {"name": "Pharmacists in PCNs", "text": presenters._describe(NEW_ROLE)}
    ]


def test_the_waterfall_adds_up_from_the_start_to_the_end(outcome):
    view = presenters.page(outcome, "total", backtest=None)
    (start_label, start), *flows, (end_label, end) = view["waterfall"]
    assert start_label == "Headcount at the start" and end_label == "Headcount at the end"
    assert start + sum(value for _, value in flows) == pytest.approx(end, abs=0.05 * len(flows) + 1)


def test_every_group_choice_opens_its_own_view_and_an_unknown_one_falls_back(outcome):
    choices = presenters.group_choices(outcome.result)
    assert choices[0] == ("total", "Everyone")
    value, label = next(c for c in choices if c[0].startswith("staff_group:"))
    view = presenters.page(outcome, value, backtest=None)
    assert label.endswith(view["group_label"])
    assert presenters.page(outcome, "cell:nowhere", backtest=None)["group_label"] == "Everyone"


def test_the_last_year_gap_is_given_per_staff_group_with_the_baseline(outcome):
    view = presenters.page(outcome, "total", backtest=None)
    groups = {g.label for g in outcome.result.groups_of("staff_group")}
    assert {row["label"] for row in view["gap_rows"]} == groups
    assert all("baseline_gap" in row for row in view["gap_rows"])


def _points(text: str) -> list[tuple[float, float]]:
    return [tuple(float(v) for v in pair.split(",")) for pair in text.split()]  # type: ignore[misc]


def _reader(chart):
    """Values from y positions through the chart's own axis (positions are rounded to 0.1)."""
    (y0, t0), (y1, t1) = chart.y_axis[0], chart.y_axis[-1]
    v0, v1 = float(t0.replace(",", "")), float(t1.replace(",", ""))
    scale = (v1 - v0) / (y1 - y0)
    return (lambda y: v0 + (y - y0) * scale), abs(scale) * 0.06


def test_with_and_without_the_changes_share_one_chart_and_one_scale(outcome):
    view = presenters.page(outcome, "total", backtest=None)
    fans, gaps = view["fans"], view["gaps"]
    assert [s.label for s in fans.series] == ["With the changes", "Without changes"]
    assert [s.label for s in gaps.series] == ["With the changes", "Without changes"]
    value, tolerance = _reader(fans)
    for series, result in zip(fans.series, (outcome.result, outcome.baseline), strict=True):
        median = result.bands(result.group("total")).p50
        got = [value(y) for _, y in _points(series.median)]
        assert got == pytest.approx(list(median), abs=tolerance)
    # The gap's band runs from demand less the 95th to demand less the 5th percentile.
    value, tolerance = _reader(gaps)
    total = outcome.result.group("total")
    bands, demand = outcome.result.bands(total), outcome.result.gap(total).demand
    edge = [value(y) for _, y in _points(gaps.series[0].band)]
    months = len(demand)
    assert edge[:months] == pytest.approx(list(demand - bands.p5), abs=tolerance)
    assert edge[months:] == pytest.approx(list((demand - bands.p95)[::-1]), abs=tolerance)


def test_a_back_test_is_shown_per_staff_group_with_a_chart_of_the_error():
    start = dataclasses.replace(projection.scenario_from_file(EXAMPLE), interventions=())
    first, second = start.cells[0], start.cells[1]
    observed = {first.id: {12: first.headcount}, second.id: {12: second.headcount + 10}}
    result = projection.backtest(start, observed)
    (shown,) = presenters.backtests(
        [
            {
                "title": "NHS",
                "from_label": "a",
                "to_label": "b",
                "mae": 1,
                "mape": 0,
                "groups": result.per_group,
            }
        ]
    )
    labels = [row["label"] for row in shown["rows"]]
    assert labels == sorted({first.staff_group, second.staff_group}, key=str.casefold)
    for row, bar in zip(shown["rows"], shown["chart"].bars, strict=True):
        assert row["error"] == pytest.approx(row["projected"] - row["observed"])
        assert bar.value == pytest.approx(100 * row["share"])
    assert presenters.backtests([]) == []
