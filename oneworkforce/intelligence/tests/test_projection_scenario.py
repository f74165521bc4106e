"""Scenario files: loading, the messages that name key paths and lines, and round trips."""

from __future__ import annotations

import math
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.intelligence import projection as P
from oneworkforce.intelligence.projection.toml_io import NOT_A_SCENARIO, scenario_from_data

from .projection_fixtures import EXAMPLES, cell, names, scenario

GOOD = """
[scenario]
name = "Test"
start = "2025-11"

[[cells]]
id = "A/Nurses"
org = "A"
staff_group = "Nurses"
headcount = 100
leaver_rate = 0.1

[[cells]]
id = "B/Nurses"
org = "B"
staff_group = "Nurses"
headcount = 50
leaver_rate = 0.1
"""


def messages(text: str) -> list[str]:
    with pytest.raises(P.ScenarioError) as caught:
        P.scenario_from_text(text)
    return caught.value.messages


def test_a_good_file_loads_with_defaults():
    s = P.scenario_from_text(GOOD)
    assert (s.horizon_months, s.report_every_months, s.runs, s.seed) == (120, 12, 1000, 1)
    assert s.cells[1].fte_ratio == 1.0 and s.cells[0].joiners_per_month == 0.0
    assert s.report_months[-1] == 120 and s.date_of(120) == "2035-11"


@pytest.mark.parametrize(
    "change,expected",
    [
        (("leaver_rate = 0.1", "leaver_rate = 1.5", 1), "cells[0].leaver_rate: must be a fraction"),
        (
            ("headcount = 50", 'headcount = "fifty"', 1),
            "cells[1].headcount: must be a number, not 'fifty' (line 17)",
        ),
        (("headcount = 50", "headcount = 50.5", 1), "cells[1].headcount: must be a whole number"),
        (('id = "B/Nurses"', 'id = "A/Nurses"', 1), "cells[1].id: repeats the id 'A/Nurses'"),
        (
            ('org = "B"\n', 'org = "B"\nleaver = 0.2\n', 1),
            "cells[1].leaver: is not a key this table takes"
            " (did you mean 'leaver_rate'?) (line 16)",
        ),
        (
            ('start = "2025-11"', 'start = "Nov 2025"', 1),
            "scenario.start: must be a month like '2025-11', not 'Nov 2025' (line 4)",
        ),
        (('org = "A"\n', "", 1), "cells[0].org: is missing (line 6)"),
    ],
)
def test_every_problem_names_its_key_path_and_line(change, expected):
    old, new, count = change
    found = messages(GOOD.replace(old, new, count))
    assert any(m.startswith(expected) for m in found), found


INTERVENTIONS = (
    GOOD
    + """
[[transfers]]
from = { cells = ["A/Nurses"] }
to = { orgs = ["Z"] }
annual_rate = 0.02

[[interventions]]
kind = "new_role"
cell = "C/Pharmacists"
per_month = 2
sources = [
  { where = { orgs = ["A"] }, share = 0.7 },
  { where = { orgs = ["B"] }, share = 0.6 },
]

[[interventions]]
kind = "training"
cell = "A/Nurses"
intake_per_year = 10
duration_months = 36
cohort_months = [9, 13]

[[interventions]]
kind = "hiring_freeze"
"""
)


def test_problems_deep_in_interventions_name_the_path_and_line():
    found = messages(INTERVENTIONS)
    assert any(m.startswith("transfers[0].to: chooses no cell (orgs Z) (line 22)") for m in found)
    assert any(m.startswith("interventions[0].cell: no cell has id 'C/Pharmacists'") for m in found)
    assert any(
        "interventions[0].sources: the shares add up to 1.3, more than 1" in m for m in found
    )
    assert any(
        m == "interventions[1].cohort_months[1]: must be from 1 to 12, not 13 (line 39)"
        for m in found
    ), found
    assert any(m.startswith("interventions[2].kind: must be one of leaver_rate") for m in found)


def test_bad_toml_syntax_is_reported_with_its_line():
    found = messages('[scenario]\nname = "x"\nstart = 2025-11-x\n')
    assert found[0].startswith("line 3: not valid TOML")


def test_a_missing_file_is_reported_plainly(tmp_path):
    with pytest.raises(P.ScenarioError) as caught:
        P.scenario_from_file(tmp_path / "nothing.toml")
    assert caught.value.name == "nothing.toml"
    assert "cannot read the file" in caught.value.messages[0]


def test_a_file_is_read_only_when_named_by_a_path(tmp_path):
    (tmp_path / "good.toml").write_text("\ufeff" + GOOD, encoding="utf-8")
    assert P.scenario_from_file(tmp_path / "good.toml") == P.scenario_from_text(GOOD)
    with pytest.raises(TypeError):
        P.scenario_from_file(str(tmp_path / "good.toml"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        P.scenario_from_text(tmp_path / "good.toml")  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["file", "directory", "missing", "scenario"])
def test_text_naming_a_file_is_refused_without_reading_it(tmp_path, kind):
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    named = {
        "file": tmp_path / "good.toml",
        "directory": tmp_path,
        "missing": tmp_path / "missing.toml",
        "scenario": EXAMPLES / "baseline.toml",
    }[kind]
    with pytest.raises(P.ScenarioError) as caught:
        P.scenario_from_text(str(named))
    assert caught.value.messages == [NOT_A_SCENARIO]


def test_a_scenario_built_in_python_is_checked_before_it_runs():
    bad = scenario(cell("A/Nurses", 10, leaver_rate=-0.1), cell("A/Nurses", 5))
    with pytest.raises(P.ScenarioError) as caught:
        P.project(bad, runs=0)
    assert caught.value.messages == [
        "cells[0].leaver_rate: must be a fraction from 0 to below 1 (0.112 for 11.2 %), not -0.1",
        "cells[1].id: repeats the id 'A/Nurses' of an earlier cell",
    ]


def test_the_examples_load_and_validate():
    for path in sorted(EXAMPLES.glob("*.toml")):
        loaded = P.scenario_from_file(path)
        assert loaded.cells and all(c.source for c in loaded.cells), path.name


where_values = st.lists(names, max_size=2).map(tuple)
wheres = st.builds(
    P.Where, cells=st.just(()), orgs=where_values, staff_groups=where_values, places=where_values
)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def any_scenarios(draw: st.DrawFn) -> P.Scenario:
    cells = tuple(
        P.Cell(
            id=f"c{i}-{draw(names)}",
            org=draw(names),
            staff_group=draw(names),
            headcount=draw(finite),
            leaver_rate=draw(finite),
            joiners_per_month=draw(finite),
            retirement_rate=draw(finite),
            fte=draw(st.none() | finite),
            fte_per_head=draw(st.none() | finite),
            establishment_fte=draw(st.none() | finite),
            org_name=draw(st.text(max_size=8)),
            sector=draw(st.text(max_size=8)),
            place=draw(st.text(max_size=8)),
            source=draw(st.text(max_size=30)),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    interventions = draw(
        st.lists(
            st.one_of(
                st.builds(
                    P.LeaverRateChange,
                    finite,
                    wheres,
                    st.integers(0, 99),
                    st.none() | st.integers(0, 99),
                    st.text(max_size=5),
                    st.text(max_size=5),
                ),
                st.builds(
                    P.TrainingIntake,
                    names,
                    st.integers(0, 99),
                    st.integers(0, 99),
                    finite,
                    st.lists(st.integers(1, 12), max_size=3).map(tuple),
                ),
                st.builds(
                    P.NewRole,
                    names,
                    finite,
                    st.lists(st.builds(P.RoleSource, wheres, finite), max_size=2).map(tuple),
                    st.none() | finite,
                ),
                st.builds(P.DemandGrowthChange, finite, wheres, st.integers(0, 99)),
            ),
            max_size=3,
        )
    )
    drivers = draw(
        st.lists(
            st.builds(
                P.DemandDriver,
                wheres,
                st.none() | finite,
                st.lists(st.integers(1990, 2100), max_size=2).map(tuple),
                st.lists(
                    st.builds(P.AgeBand, names, finite, st.lists(finite, max_size=2).map(tuple)),
                    max_size=2,
                ).map(tuple),
                st.text(max_size=5),
                st.text(max_size=5),
            ),
            max_size=2,
        )
    )
    return P.Scenario(
        name=draw(names),
        start=draw(st.text(max_size=8)),
        cells=cells,
        horizon_months=draw(st.integers(0, 2000)),
        report_every_months=draw(st.integers(0, 50)),
        seed=draw(st.integers(0, 2**63 - 1)),
        runs=draw(st.integers(0, 10**6)),
        description=draw(st.text(max_size=40)),
        transfers=tuple(
            draw(
                st.lists(
                    st.builds(
                        P.Transfer, wheres, wheres, finite, st.text(max_size=4), st.text(max_size=4)
                    ),
                    max_size=2,
                )
            )
        ),
        demand=P.Demand(draw(finite), tuple(drivers), draw(st.text(max_size=10))),
        interventions=tuple(interventions),
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_scenarios())
def test_dump_then_load_gives_the_same_scenario_back(original):
    """Any values, valid or not, survive the text format; valid scenarios load equal."""
    text = P.dump_scenario(original)
    loaded, problems = scenario_from_data(tomllib.loads(text), check=False)
    assert not problems
    assert loaded == original
    assert P.dump_scenario(loaded) == text
    if not P.validate(original):
        assert P.scenario_from_text(text) == original


def test_a_valid_scenario_round_trips_exactly():
    text = (EXAMPLES / "new-roles.toml").read_text()
    original = P.scenario_from_text(text)
    assert P.scenario_from_text(P.dump_scenario(original)) == original
    assert math.isclose(original.cells[0].fte_ratio, 4599.51135 / 5070)
