"""The crosswalk of care and primary-care job roles to NHS staff groups: selections that reach
across sectors, moves between sectors, refusals that name the role, and the warning that names
the organisation losing staff."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.intelligence import projection as P
from oneworkforce.intelligence.projection.crosswalk import JobRoleMapping
from oneworkforce.intelligence.projection.scenario import CellIndex, format_path
from oneworkforce.intelligence.projection.toml_io import scenario_from_data

from .projection_fixtures import EXAMPLES, cell, scenario, small_scenarios
from .test_projection_engine import _check_conservation

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUPPORT = "Support to doctors, nurses & midwives"


def _care_and_nhs(**extra: object) -> P.Scenario:
    return scenario(
        cell(f"TRUST/{SUPPORT}", 300, 0.0, 0.0),
        cell("HOME/Care worker", 100, 0.0, 0.0, sector="Adult social care", org_name="Home"),
        cell("PCN/Care coordinator", 0, 0.0, 0.0, sector="Primary care"),
        **extra,
    )


def _coordinators() -> P.NewRole:
    """40 care coordinators, all from support roles (by the crosswalk, care workers too)."""
    return P.NewRole(
        "PCN/Care coordinator",
        4.0,
        (P.RoleSource(P.Where(staff_groups=(SUPPORT,)), 1.0),),
        target_headcount=40,
    )


def test_a_selection_by_staff_group_chooses_the_roles_the_crosswalk_counts_as_it():
    mapping = JobRoleMapping("Care worker", SUPPORT, source="Skills for Care job roles")
    cells = _care_and_nhs(crosswalk=(mapping,)).cells
    where = P.Where(staff_groups=(SUPPORT,))
    assert where.select(cells) == [0, 1]
    assert CellIndex(cells).select(where) == [0, 1]
    # Without the crosswalk the care worker is not a support worker.
    assert where.select(_care_and_nhs().cells) == [0]
    # The cell's own role still chooses it, and roll-ups keep the role.
    assert P.Where(staff_groups=("Care worker",)).select(cells) == [1]


def test_a_new_role_drawing_an_nhs_staff_group_draws_care_workers_through_the_crosswalk():
    role = _coordinators()
    mapped = _care_and_nhs(
        crosswalk=(JobRoleMapping("Care worker", SUPPORT),), interventions=(role,)
    )
    result = P.project(mapped, runs=0)
    care = result.bands(result.group("cell", "HOME/Care worker"), "headcount").mean
    trust = result.bands(result.group("cell", f"TRUST/{SUPPORT}"), "headcount").mean
    # 40 recruits, shared 300:100 by starting headcount: 10 from home care, 30 from the trust.
    assert care[-1] == pytest.approx(90)
    assert trust[-1] == pytest.approx(270)
    unmapped = P.project(_care_and_nhs(interventions=(role,)), runs=0)
    assert unmapped.bands(unmapped.group("cell", "HOME/Care worker"), "headcount").mean[
        -1
    ] == pytest.approx(100)


def test_the_crosswalk_rate_moves_care_workers_into_the_nhs_staff_group_each_year():
    moving = _care_and_nhs(crosswalk=(JobRoleMapping("Care worker", SUPPORT, annual_rate=0.1),))
    result = P.project(moving, runs=0, keep_flows=True)
    care = result.bands(result.group("cell", "HOME/Care worker"), "headcount").mean
    trust = result.bands(result.group("cell", f"TRUST/{SUPPORT}"), "headcount").mean
    # 10 % a year leave home care for the trust: 100 x 0.9^t after t years, nobody lost.
    np.testing.assert_allclose(care, [100 * 0.9**t for t in range(4)], rtol=1e-9)
    np.testing.assert_allclose(care + trust, 400, rtol=1e-12)
    flows = result.waterfall_total(result.group("cell", "HOME/Care worker"))
    assert flows.start - flows.end == pytest.approx(100 - 100 * 0.9**3)


def test_a_crosswalk_naming_an_unknown_role_is_refused_naming_it_and_its_line():
    text = (EXAMPLES / "crosswalk.toml").read_text(encoding="utf-8")
    assert 'job_role = "Care worker"' in text
    bad = text.replace('job_role = "Care worker"', 'job_role = "Care wroker"', 1)
    line = bad.splitlines().index('job_role = "Care wroker"') + 1
    with pytest.raises(P.ScenarioError) as caught:
        P.scenario_from_text(bad)
    assert any(
        message.startswith("crosswalk[0].job_role: no cell holds the job role 'Care wroker'")
        and "did you mean 'Care worker'?" in message
        and message.endswith(f"(line {line})")
        for message in caught.value.messages
    ), caught.value.messages


def test_other_bad_crosswalk_items_are_refused_with_their_key():
    cells = _care_and_nhs().cells
    problems = P.validate(
        scenario(
            *cells,
            crosswalk=(
                JobRoleMapping("Care worker", "Care worker"),
                JobRoleMapping("Care worker", SUPPORT, annual_rate=1.5),
                JobRoleMapping("Care coordinator", "Nobody's group", annual_rate=0.1),
            ),
        )
    )
    messages = {format_path(path): message for path, message in problems}
    assert messages["crosswalk[0].staff_group"] == "is the job role itself"
    assert messages["crosswalk[1].job_role"].startswith("repeats the job role 'Care worker'")
    assert messages["crosswalk[1].annual_rate"].startswith("must be a fraction from 0 to below 1")
    assert messages["crosswalk[2].staff_group"].startswith(
        'no cell has the staff group "Nobody\'s group"'
    )
    unknown = scenario_from_data(
        {
            "scenario": {"name": "x", "start": "2025-11"},
            "cells": [{"id": "a", "org": "A", "staff_group": "g", "headcount": 1}],
            "crosswalk": [{"job_role": "g", "staff_group": "h", "rate": 0.1}],
        }
    )[1]
    assert ((("crosswalk", 0, "rate")), "is not a key this table takes") in [
        (path, message.split(" (")[0]) for path, message in unknown
    ]


def test_the_example_reads_back_equal_and_old_files_keep_their_numbers():
    example = P.scenario_from_file(EXAMPLES / "crosswalk.toml")
    assert example.crosswalk
    assert P.scenario_from_text(P.dump_scenario(example)) == example
    baseline = P.scenario_from_file(EXAMPLES / "baseline.toml")
    assert baseline.crosswalk == ()
    assert all(c.counts_as == "" for c in baseline.cells)
    rows = {(a.subject, a.item): a for a in P.project(example, runs=0).assumptions()}
    mapped = rows[("crosswalk: Care worker", "counts as")]
    assert mapped.value == SUPPORT and "Skills for Care" in mapped.source


def test_the_warning_for_a_sector_names_the_organisation_that_loses_staff():
    role = _coordinators()
    crosswalk = (JobRoleMapping("Care worker", SUPPORT),)
    base = _care_and_nhs(crosswalk=crosswalk)
    variant = replace(base, interventions=(role,))
    warnings = P.destabilisation(P.project(base, runs=0), P.project(variant, runs=0))
    sector = next(w for w in warnings if w.dimension == "sector" and w.label == "Adult social care")
    assert sector.organisations == (("Home", pytest.approx(-0.1)),)
    assert "Hardest hit: Home (10.0%)." in sector.message


@st.composite
def crosswalked(draw: st.DrawFn) -> P.Scenario:
    """A small scenario whose first cell's role counts as another cell's staff group, moving
    some of its staff there each year."""
    base = draw(small_scenarios())
    if len(base.cells) < 2:
        return base
    first, second = base.cells[0], draw(st.sampled_from(base.cells[1:]))
    mapping = JobRoleMapping(first.staff_group, second.staff_group, draw(st.floats(0, 0.5)))
    return replace(base, crosswalk=(mapping,))


@FAST
@given(crosswalked(), st.integers(0, 2**32))
def test_moves_between_sectors_conserve_headcount_never_go_negative_and_repeat(generated, seed):
    result = P.project(generated, runs=40, seed=seed, keep_flows=True, keep_runs=True)
    _check_conservation(result, per_run=True)
    _check_conservation(P.project(generated, runs=0, keep_flows=True), per_run=True)
    again = P.project(generated, runs=40, seed=seed, keep_runs=True)
    assert result.raw.run_cells is not None and again.raw.run_cells is not None
    np.testing.assert_array_equal(result.raw.run_cells, again.raw.run_cells)
