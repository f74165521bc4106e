"""Doubt about demand growth in the web app: where a scenario shows doubt, each run draws its
own demand growth, the sensitivity ranks it and the page's gap reflects each run's demand."""

from __future__ import annotations

from oneworkforce.core import charts
from oneworkforce.intelligence.scenarios import selectors as scenarios

from .test_scenarios import partnership  # noqa: F401 (a fixture)


def test_showing_doubt_draws_demand_growth_for_each_run_and_ranks_it(
    partnership,  # noqa: F811 (the fixture)
    client,
):
    scenario = partnership["scenario"]
    built = scenarios.to_engine(scenario)
    demand = next(item for item in built.uncertainty if item.parameter == "demand_growth")
    assert (demand.low, demand.high, demand.probability) == (-0.01, 0.01, 0.8)
    assert demand.point == 0  # centred: the expected values stay the scenario's
    assert "Set in the scenario" in demand.source
    client.force_login(scenario.created_by)
    page = client.get(scenario.get_absolute_url())
    view = page.context["view"]
    rows = {row["label"]: row for row in view["sensitivity"]["rows"]}
    assert rows["Demand growth"]["interval"] == (
        "-1.0% to +1.0% a year on top of the demand assumption"
    )
    assert rows["Demand growth"]["swing"] > 0
    assert "Demand growth" in page.content.decode()
    # Demand differs by run: the year table gives its 5th to 95th percentiles, wider each year.
    assert view["demand_varies"]
    assert "Demand (5th to 95th)" in page.content.decode()
    first, last = view["year_rows"][0], view["year_rows"][-1]
    low, high = (float(x.replace(",", "")) for x in last["demand_range"].split(" to "))
    assert low < last["demand"] < high
    assert first["demand_range"].split(" to ")[0] == first["demand_range"].split(" to ")[1]
    # The supply-against-demand chart draws demand's band too, and its legend says so.
    assert view["fans"].reference_band
    assert "demand: 5th to 95th percentile band" in page.content.decode()
    scenario.leaver_doubt = False
    assert all(i.parameter != "demand_growth" for i in scenarios.to_engine(scenario).uncertainty)


def test_demand_the_same_in_every_run_is_a_line_without_a_band(
    partnership,  # noqa: F811 (the fixture)
    client,
):
    scenario = partnership["scenario"]
    scenario.leaver_doubt = False
    scenario.save()
    client.force_login(scenario.created_by)
    view = client.get(scenario.get_absolute_url()).context["view"]
    assert not view["demand_varies"]
    assert view["fans"].reference and view["fans"].reference_band == ""


def test_a_demand_band_spans_its_percentiles_on_the_charts_scale():
    chart = charts.fans_chart(
        ["2025", "2026", "2027"],
        [("Supply", [90, 88, 86], [95, 94, 93], [100, 100, 100])],
        [100, 110, 120],
        reference_band=([100, 104, 108], [100, 116, 150]),
    )
    points = [tuple(map(float, p.split(","))) for p in chart.reference_band.split()]
    assert len(points) == 6  # the upper edge left to right, then the lower edge back
    # The scale reaches the band's top (150), above every supply and demand figure.
    assert max(float(text.replace(",", "")) for _, text in chart.y_axis) >= 150
    assert points[2][1] < points[3][1]  # at 2027 the 95th percentile is drawn above the 5th
