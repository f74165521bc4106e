"""The vectorised expected values against a plain month-by-month, cell-by-cell loop."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings

from oneworkforce.intelligence import projection as P
from oneworkforce.intelligence.projection import FLOWS
from oneworkforce.intelligence.projection.model import Layout, Plan

from .projection_fixtures import coupled_scenario, small_scenarios


def _plain(layout: Layout, plan: Plan) -> tuple[np.ndarray, np.ndarray]:
    """Stocks at every month and flows per month, one cell at a time, in plain Python."""
    size = layout.size
    n = [float(x) for x in plan.headcount]
    stocks = [list(n)]
    flows = []
    for month in range(layout.months):
        flow = [[0.0] * len(FLOWS) for _ in range(size)]
        new = [0.0] * size
        for c in range(size):
            leave = n[c] * plan.p_leave[month, c]
            retire = n[c] * plan.p_retire[month, c]
            out = 0.0
            for k, (s, _) in enumerate(layout.transfer_pairs):
                if s == c:
                    out += n[c] * plan.transfer_prob[k]
            flow[c][FLOWS.index("leavers")] = leave
            flow[c][FLOWS.index("retirements")] = retire
            flow[c][FLOWS.index("transfers_out")] = out
            new[c] = n[c] - leave - retire - out
        for k, (s, d) in enumerate(layout.transfer_pairs):
            moved = n[s] * plan.transfer_prob[k]
            flow[d][FLOWS.index("transfers_in")] += moved
        remaining = list(new)
        for k, (s, d) in enumerate(layout.transfer_pairs):
            new[d] += n[s] * plan.transfer_prob[k]
        for role in plan.roles:
            recruits = min(role.rate[month], max(role.cap - n[role.target], 0.0))
            for k, (s, d) in enumerate(layout.role_pairs):
                take = min(role.pairs[k] * recruits, remaining[s])
                remaining[s] -= take
                new[s] -= take
                new[d] += take
                flow[s][FLOWS.index("transfers_out")] += take
                flow[d][FLOWS.index("new_role_recruitment")] += take
            new[role.target] += role.external * recruits
            flow[role.target][FLOWS.index("new_role_recruitment")] += role.external * recruits
        for c in range(size):
            new[c] += plan.joiners[month, c]
            flow[c][FLOWS.index("external_recruitment")] = plan.joiners[month, c]
        for cohort in plan.cohorts:
            if cohort.arrival == month:
                new[cohort.column] += cohort.intake * cohort.survival
                flow[cohort.column][FLOWS.index("training")] += cohort.intake * cohort.survival
        n = new
        stocks.append(list(n))
        flows.append(flow)
    return np.array(stocks), np.array(flows)


def _check(scenario: P.Scenario) -> None:
    model = P.Model(scenario)
    result = model.project(runs=0, keep_flows=True)
    layout, plan = model.layout, model.layout.plans[0]
    stocks, flows = _plain(layout, plan)
    report = layout.report_months
    np.testing.assert_allclose(result.raw.cells[:, 0, :], stocks[report], rtol=1e-9, atol=1e-9)
    per_interval = np.add.reduceat(flows, report[:-1], axis=0)
    np.testing.assert_allclose(result.raw.flows, per_interval, rtol=1e-9, atol=1e-9)
    total = result.bands(result.group("total"), "headcount").mean
    np.testing.assert_allclose(total, stocks[report].sum(axis=1), rtol=1e-9, atol=1e-9)


def test_expected_values_of_the_coupled_example_equal_a_plain_loop():
    _check(coupled_scenario())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_scenarios())
def test_expected_values_equal_a_plain_monthly_loop_for_any_scenario(generated):
    _check(generated)


def test_a_model_laid_out_once_projects_like_a_fresh_call():
    scenario = coupled_scenario()
    model = P.Model(scenario)
    for runs in (0, 50):
        a = model.project(runs=runs, seed=3)
        b = P.project(scenario, runs=runs, seed=3)
        np.testing.assert_array_equal(a.raw.cells, b.raw.cells)
        np.testing.assert_array_equal(a.raw.flows, b.raw.flows)
