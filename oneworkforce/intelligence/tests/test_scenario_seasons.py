"""Seasons in the web app: twelve imported months of a partner's turnover figures give its
cells seasonal factors, which the scenario page's assumptions table names with their months."""

from __future__ import annotations

import datetime as dt

import pytest

from oneworkforce.intelligence.models import TurnoverFigure
from oneworkforce.intelligence.scenarios import selectors as scenarios
from oneworkforce.intelligence.statistics.selectors import add_months

from .test_scenarios import PERIOD, partnership  # noqa: F401 (a fixture)

NURSES = "Nurses & health visitors"


def _earlier_months(org_code: str, group: str, count: int, september: float) -> None:
    """``count`` months before the base period for one partner's staff group, as copies of the
    imported month with ``september`` times its leavers in September."""
    figure = TurnoverFigure.objects.get(org_code=org_code, staff_group=group)
    for back in range(1, count + 1):
        month: dt.date = add_months(PERIOD, -back)
        figure.pk = None
        figure.period_start = month
        figure.period_end = add_months(month, 1)
        figure.period = f"{month:%Y%m} to {add_months(month, 1):%Y%m}"
        base = TurnoverFigure.objects.get(org_code=org_code, staff_group=group, period_start=PERIOD)
        figure.leavers_hc = base.leavers_hc * (september if month.month == 9 else 1)
        figure.save()


def test_twelve_imported_months_give_a_cell_its_seasons_and_the_page_names_them(
    partnership,  # noqa: F811 (the fixture)
    client,
):
    scenario = partnership["scenario"]
    before = scenarios.to_engine(scenario)
    assert before.seasonality == ()  # one imported month: no seasons
    _earlier_months("RR8", NURSES, 11, september=3.0)
    built = scenarios.to_engine(scenario)
    seasons = {item.name: item for item in built.seasonality}
    nurses = seasons[f"Seasons: Leeds Teaching Hospitals, {NURSES}"]
    assert nurses.where.cells == (f"RR8/{NURSES}",)
    assert nurses.months == "12 months, November 2024 to October 2025"
    assert sum(nurses.leavers) == pytest.approx(12, abs=1e-3)
    assert nurses.leavers[8] > 1.5 and all(f < 1 for k, f in enumerate(nurses.leavers) if k != 8)
    assert nurses.joiners == pytest.approx((1.0,) * 12, abs=1e-3)  # the same joiners each month
    assert "NHS England turnover benchmarking, 12 months" in nurses.source
    client.force_login(scenario.created_by)
    page = client.get(scenario.get_absolute_url())
    assumptions = page.context["view"]["assumptions"]
    row = next(a for a in assumptions if a["name"].startswith(nurses.name))
    assert "from 12 months, November 2024 to October 2025" in row["name"]
    assert "Sep " in row["value"] and "turnover benchmarking" in row["source"]
    assert "Seasons: Leeds Teaching Hospitals, Nurses &amp; health" in page.content.decode()


def test_a_staff_group_with_too_few_leavers_takes_the_seasons_of_all_partners_together(
    partnership,  # noqa: F811 (the fixture)
):
    # Eleven earlier months for a small staff group: fewer leavers than a cell's own seasons
    # need, so the staff group's months across the partners give them.
    small = (
        TurnoverFigure.objects.filter(org_code="RR8", period_start=PERIOD, leavers_hc__gt=0)
        .exclude(staff_group__startswith="All")
        .order_by("leavers_hc")
        .first()
    )
    assert small is not None and small.leavers_hc * 12 < 60
    _earlier_months("RR8", small.staff_group, 11, september=2.0)
    built = scenarios.to_engine(partnership["scenario"])
    names = [item.name for item in built.seasonality]
    assert f"Seasons: {small.staff_group}, 1 partner's figures" in names
