"""Destabilisation warnings, back-tests, the turnover helper, what a planner reads, and the
expected values against PySD."""

from __future__ import annotations

import math

import numpy as np
import pytest

from oneworkforce.intelligence import projection as P
from oneworkforce.intelligence.statistics.nhs_files import read_turnover

from .projection_fixtures import TURNOVER, cell, coupled_scenario, scenario, vensim_model


def _two_sectors(share: float, per_month: float) -> tuple[P.Scenario, P.Scenario]:
    ambulance = cell("AMB/Paramedics", 1000, 0.08, 6.7, sector="Ambulance")
    pcn = cell("PCN/Paramedics", 0, 0.1, 0, sector="Primary care")
    acute = cell("ACUTE/Nurses", 800, 0.1, 6.5, sector="Acute")
    base = scenario(ambulance, pcn, acute, horizon_months=60)
    role = P.NewRole(
        "PCN/Paramedics", per_month, (P.RoleSource(P.Where(sectors=("Ambulance",)), share),)
    )
    return base, base.with_interventions(role, name="New role")


def test_destabilisation_warns_when_a_new_role_drains_another_sector():
    base, variant = _two_sectors(0.8, 4)
    warnings = P.destabilisation(P.project(base, runs=0), P.project(variant, runs=0))
    assert {(w.dimension, w.key) for w in warnings} == {
        ("sector", ("Ambulance",)),
        ("sector_staff_group", ("Ambulance", "Paramedics")),
    }
    first = warnings[0]
    assert first.month == 12 and first.date == "2026-11"
    assert first.variant < first.baseline * 0.98
    assert first.message.startswith(
        "Warning: this scenario shrinks the sector Ambulance. By 2026-11"
    )
    assert f"{first.variant:,.1f} FTE against {first.baseline:,.1f} FTE" in first.message


def test_destabilisation_stays_quiet_below_the_threshold_and_for_growth():
    base, variant = _two_sectors(0.8, 0.1)
    assert P.destabilisation(P.project(base, runs=0), P.project(variant, runs=0)) == []
    base, variant = _two_sectors(0.8, 4)
    loose = P.destabilisation(P.project(base, runs=0), P.project(variant, runs=0), 0.5)
    assert loose == []
    # The other way round the ambulance sector grows (and primary care loses its new role).
    reverse = P.destabilisation(P.project(variant, runs=0), P.project(base, runs=0))
    assert {w.key for w in reverse} == {("Primary care",), ("Primary care", "Paramedics")}


def test_backtest_reports_errors_per_cell_and_overall():
    s = scenario(cell("A/Nurses", 1000, 0.12, 5), cell("B/Nurses", 200, 0.0, 2))
    q = 1 - P.monthly_probability(0.12)
    a12 = 1000 * q**12 + 5 * (1 - q**12) / (1 - q)
    observed = {"A/Nurses": {12: a12 + 10, 6: 1000.0}, "B/Nurses": {12: 200 + 24 - 4}}
    result = P.backtest(s, observed)
    errors = {(r.cell, r.month): r.error for r in result.rows}
    a6 = 1000 * q**6 + 5 * (1 - q**6) / (1 - q)
    assert errors[("A/Nurses", 12)] == pytest.approx(-10)
    assert errors[("A/Nurses", 6)] == pytest.approx(a6 - 1000)
    assert errors[("B/Nurses", 12)] == pytest.approx(4)
    assert result.mae == pytest.approx((10 + abs(a6 - 1000) + 4) / 3)
    assert result.bias == pytest.approx((-10 + (a6 - 1000) + 4) / 3)
    expected_mape = (10 / (a12 + 10) + abs(a6 - 1000) / 1000 + 4 / 220) / 3
    assert result.mape == pytest.approx(expected_mape)
    assert result.per_cell["B/Nurses"] == pytest.approx((4, 4 / 220))


@pytest.fixture(scope="module")
def turnover():
    return read_turnover(TURNOVER)


def test_a_baseline_from_the_turnover_file_leaves_out_totals_and_annualises_rates(turnover):
    built = P.baseline_from_turnover(turnover.records)
    assert len(built.cells) == 2533
    assert not any(c.staff_group == "All staff groups" for c in built.cells)
    assert built.start == "2025-11"
    nurses = next(c for c in built.cells if c.id == "RR8/Nurses & health visitors")
    monthly = 25 / ((5057 + 5070) / 2)
    assert nurses.leaver_rate == pytest.approx(1 - (1 - monthly) ** 12)
    assert P.monthly_probability(nurses.leaver_rate) == pytest.approx(monthly)
    assert (nurses.headcount, nurses.joiners_per_month) == (5070, 30)
    assert nurses.fte == pytest.approx(4599.51135)
    assert nurses.sector == "Acute" and nurses.place == "West Yorkshire"
    assert "202510 to 202511" in nurses.source
    assert P.validate(built) == []


def test_one_month_from_the_published_start_stocks_reproduces_the_published_end(turnover):
    west = P.baseline_from_turnover(
        turnover.records, include=lambda r: r.ics_code == "QWO", stock="start"
    )
    assert west.start == "2025-10" and len(west.cells) == 115
    observed = {
        f"{r.org_code}/{r.staff_group}": {1: r.hc_end}
        for r in turnover.records
        if r.ics_code == "QWO" and r.staff_group != "All staff groups"
    }
    result = P.backtest(west, observed)
    # Joiners and leavers explain most of the month's change; the rest is staff changing group.
    assert result.mae < 2.0 and abs(result.bias) < 1.0
    assert 0 < result.mape < 0.02


def test_a_projection_reports_gaps_waterfalls_sources_and_assumptions():
    result = P.project(coupled_scenario(), runs=400, seed=3)
    total = result.group("total")
    gap = result.gap(total)
    np.testing.assert_allclose(gap.fte, gap.demand - result.bands(total).p50)
    np.testing.assert_allclose(gap.share, gap.fte / gap.demand)
    assert (gap.p5 <= gap.fte).all() and (gap.fte <= gap.p95).all()
    flows = result.waterfall_total(result.group("cell", "T1/Nurses")).flows
    assert flows["training"] > 0 and flows["retirements"] > 0 and flows["transfers_in"] > 0
    pcn = result.waterfall_total(result.group("cell", "PCN/Pharmacists")).flows
    sources = result.new_role_sources()
    assert {s.source for s in sources} == {"T1/Pharmacists", "T2/Pharmacists", None}
    assert sum(s.recruits for s in sources) == pytest.approx(pcn["new_role_recruitment"])
    assert sum(s.share for s in sources) == pytest.approx(1)
    drawn = sum(s.recruits for s in sources if s.source)
    away = sum(
        result.waterfall_total(result.group("cell", c)).flows["transfers_out"]
        for c in ("T1/Pharmacists", "T2/Pharmacists")
    )
    assert drawn == pytest.approx(away)
    items = {(a.subject, a.item): a for a in result.assumptions()}
    assert (
        items[("method", "monthly probability from an annual rate a")].value == "1 - (1 - a)^(1/12)"
    )
    assert any(a.item == "leaver rate" and a.value == "10 %" for a in items.values())


def test_the_csv_has_a_row_per_group_month_and_measure():
    result = P.project(coupled_scenario(), runs=0)
    rows = list(result.to_csv_rows())
    groups, points = len(result.groups), len(result.months)
    per_point = 5 + 7  # five measures, plus seven flows after the start
    assert len(rows) == groups * (points * per_point - 7)
    total = [r for r in rows if r["dimension"] == "total" and r["measure"] == "supply_fte"]
    assert [r["date"] for r in total] == list(result.dates)
    assert float(total[-1]["p50"]) == pytest.approx(
        result.bands(result.group("total")).p50[-1], abs=1e-4
    )


def test_demand_grows_with_the_rate_and_the_population_index():
    driver = P.DemandDriver(
        P.Where(places=("Leeds",)),
        years=(2025, 2035),
        age_bands=(
            P.AgeBand("0-64", 1.0, (100.0, 110.0)),
            P.AgeBand("65+", 1.0, (50.0, 75.0)),
        ),
    )
    s = scenario(
        cell("A/Nurses", 100, establishment_fte=100.0),
        cell("B/Nurses", 100, place="Bradford", establishment_fte=50.0),
        horizon_months=120,
        demand=P.Demand(0.02, (driver,)),
        interventions=(P.DemandGrowthChange(0.05, P.Where(cells=("B/Nurses",)), 60),),
    )
    result = P.project(s, runs=0)
    leeds = result.demand(result.group("cell", "A/Nurses"))

    # Index at 2025-11: 10/12 of the way from 2025 to 2026 on each band.
    def index(year: float) -> float:
        share = (year - 2025) / 10
        return 0.5 * (100 + 10 * share) / 100 + 0.5 * (50 + 25 * share) / 50

    assert leeds[-1] == pytest.approx(100 * index(2035) / index(2025 + 10 / 12))
    bradford = result.demand(result.group("cell", "B/Nurses"))
    assert bradford[5] == pytest.approx(50 * 1.02**5)
    assert bradford[-1] == pytest.approx(50 * 1.02**5 * 1.05**5)


@pytest.mark.filterwarnings("ignore:The inplace keyword")
def test_expected_values_equal_a_pysd_run_of_the_same_model(tmp_path):
    pysd = pytest.importorskip("pysd")
    cells = (
        cell("A/Nurses", 500, 0.11, 4),
        cell("B/Nurses", 300, 0.2, 5),
        cell("C/Nurses", 120, 0.05, 1),
    )
    s = scenario(
        *cells,
        horizon_months=24,
        report_every_months=6,
        transfers=(P.Transfer(P.Where(cells=("B/Nurses",)), P.Where(orgs=("A", "C")), 0.06),),
    )
    path = tmp_path / "model.mdl"
    text, same = vensim_model(s)
    path.write_text(text)
    frame = pysd.read_vensim(str(path)).run(return_columns=["headcount"])
    ours = P.project(same, runs=0)
    for i, c in enumerate(cells):
        got = ours.bands(ours.group("cell", c.id), "headcount").mean
        np.testing.assert_allclose(got, frame[f"headcount[c{i}]"].to_numpy(), rtol=1e-12)
    assert not math.isclose(got[-1], got[0])


def test_the_back_test_per_staff_group_reproduces_a_hand_computed_case():
    # Monthly leaver probabilities 1 % and 2 %, joiners 0.5 and 1 a month: by the closed form
    # N(t) = N0 q^t + J (1 - q^t) / (1 - q), nurses A are 99.005 after two months and 98.51495
    # after three, nurses B stay at 50 (their steady state); porters C neither leave nor join.
    a = cell("A/Nurses", 100, P.annual_rate(0.01), 0.5)
    b = cell("B/Nurses", 50, P.annual_rate(0.02), 1.0)
    c = cell("C/Porters", 40, 0.0, 0.0)
    observed = {"A/Nurses": {2: 99, 3: 98}, "B/Nurses": {2: 50, 3: 49}, "C/Porters": {2: 41, 3: 40}}
    result = P.backtest(scenario(a, b, c), observed)
    nurses, porters = result.per_group
    assert (nurses.staff_group, nurses.cells, nurses.date) == ("Nurses", 2, "2026-02")
    assert nurses.observed == 147 and nurses.projected == pytest.approx(148.51495, abs=1e-9)
    # Errors of the group's totals: 149.005 - 149 after two months, 148.51495 - 147 after three.
    assert nurses.mae == pytest.approx((0.005 + 1.51495) / 2, abs=1e-9)
    assert nurses.share == pytest.approx(1.51495 / 147, abs=1e-9)
    assert (porters.staff_group, porters.observed, porters.projected) == ("Porters", 40, 40)
    assert porters.mae == pytest.approx(0.5) and porters.error == 0
