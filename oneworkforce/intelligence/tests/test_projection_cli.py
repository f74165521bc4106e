"""``oneworkforce project`` and the engine's independence from Django."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from oneworkforce.core import cli
from oneworkforce.intelligence import projection as P

from .projection_fixtures import EXAMPLES, cell, scenario

NEW_ROLES = EXAMPLES / "new-roles.toml"
BASELINE = EXAMPLES / "baseline.toml"


def test_the_projection_engine_and_its_command_import_nothing_from_django():
    code = (
        "import sys, oneworkforce.intelligence.projection;"
        "import oneworkforce.intelligence.projection.cli;"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'django'];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_project_prints_the_gap_by_staff_group_and_writes_the_csv(tmp_path, capsys):
    out = tmp_path / "result.csv"
    assert (
        cli.main(["project", str(NEW_ROLES), "--runs", "200", "--seed", "5", "--out", str(out)])
        == 0
    )
    printed = capsys.readouterr().out
    lines = printed.splitlines()
    assert lines[0] == "West Yorkshire new roles in primary care: 2035-11 (200 runs, seed 5)"
    assert lines[2].split() == [
        "Staff",
        "group",
        "Demand",
        "FTE",
        "Supply",
        "FTE",
        "Supply",
        "P5",
        "-",
        "P95",
        "Gap",
        "FTE",
        "Gap",
        "%",
    ]
    paramedics = next(line for line in lines if line.startswith("Paramedics"))
    assert paramedics.split()[1] == "0.0" and paramedics.endswith("n/a")
    assert any(line.startswith("All staff groups") for line in lines)
    rows = list(csv.DictReader(out.open()))
    total = [r for r in rows if r["dimension"] == "total" and r["measure"] == "gap_fte"]
    assert [r["date"] for r in total][-1] == "2035-11"
    assert f"Wrote {out}" in printed


def test_project_warns_about_destabilising_a_sector_against_a_baseline(capsys):
    code = cli.main(["project", str(NEW_ROLES), "--runs", "0", "--baseline", str(BASELINE)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "(expected values)" in printed.splitlines()[0]
    assert "Warning: this scenario shrinks the sector Ambulance." in printed


def test_the_same_seed_writes_the_same_csv(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (first, second):
        assert (
            cli.main(
                ["project", str(NEW_ROLES), "--runs", "130", "--seed", "9", "--out", str(path)]
            )
            == 0
        )
    assert first.read_bytes() == second.read_bytes()
    third = tmp_path / "c.csv"
    assert (
        cli.main(["project", str(NEW_ROLES), "--runs", "130", "--seed", "10", "--out", str(third)])
        == 0
    )
    assert third.read_bytes() != first.read_bytes()


def test_a_bad_scenario_exits_non_zero_with_its_messages_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        BASELINE.read_text()
        .replace("leaver_rate = 0.0577", "leaver_rate = 5.77")
        .replace('start = "2025-11"', 'start = "November"')
    )
    result = subprocess.run(
        [sys.executable, "-m", "oneworkforce.core.cli", "project", str(bad)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "error: bad.toml: the scenario is not valid:"
    assert "  scenario.start: must be a month like '2025-11', not 'November' (line 11)" in lines
    assert any(
        line.startswith("  cells[0].leaver_rate: must be a fraction") and line.endswith("(line 40)")
        for line in lines
    ), lines


def _formula_scenario() -> P.Scenario:
    return scenario(
        cell("=HYPERLINK(1)/Nurses", 40, org_name="+Sum", place="@Leeds"),
        cell("-Care/=Carers", 30, sector="\tSheet"),
        horizon_months=12,
    )


def test_the_results_csv_shows_names_as_text_not_formulas(tmp_path, capsys):
    path = tmp_path / "formula.toml"
    path.write_text(P.dump_scenario(_formula_scenario()), encoding="utf-8")
    out = tmp_path / "out.csv"
    assert cli.main(["project", str(path), "--runs", "0", "--out", str(out)]) == 0
    capsys.readouterr()
    written = list(csv.DictReader(out.open(encoding="utf-8")))
    in_memory = list(csv.DictReader(io.StringIO(P.project(_formula_scenario(), runs=0).csv_text())))
    for rows in (written, in_memory):
        texts = {row[name] for row in rows for name in ("group", "label")}
        assert "'=HYPERLINK(1)/Nurses" in texts and "'@Leeds" in texts
        assert "'-Care/=Carers" in texts and "'\tSheet" in texts
        assert not [t for t in texts if t[:1] in ("=", "+", "-", "@", "\t", "\r")]
        # Figures keep their sign: a negative gap is a number, not text.
        assert any(row["p50"].startswith("-") for row in rows if row["measure"] == "gap_fte")


def test_project_json_gives_demand_and_supply_bands_per_year_in_total_and_per_staff_group(
    capsys,
):
    path = EXAMPLES / "recruitment.toml"
    assert cli.main(["project", str(path), "--runs", "300", "--seed", "9", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["runs"], printed["seed"], printed["unit"]) == (300, 9, "FTE")
    result = P.project(P.scenario_from_file(path), runs=300, seed=9)
    years = printed["years"]
    assert [y["date"] for y in years] == list(result.dates)
    assert [y["month"] for y in years] == list(range(0, 121, 12))
    total = result.bands(result.group("total"))
    for k, year in enumerate(years):
        figures = year["total"]
        assert figures["supply_fte_p5"] == round(float(total.p5[k]), 3)
        assert figures["supply_fte_p95"] == round(float(total.p95[k]), 3)
        assert figures["supply_fte_p5"] <= figures["supply_fte_p50"] <= figures["supply_fte_p95"]
        assert set(year["staff_groups"]) == {g.label for g in result.groups_of("staff_group")}
        group_sum = sum(g["demand_fte"] for g in year["staff_groups"].values())
        assert group_sum == pytest.approx(figures["demand_fte"], abs=0.01)
    assert years[-1]["total"]["supply_fte_p95"] > years[-1]["total"]["supply_fte_p5"]
    limits = {"International recruitment": 12, "Returners": 4, "Local labour market": 95}
    for year in years[1:]:
        for name, limit in limits.items():
            assert 0 <= year["recruits_by_source"][name] <= 12 * limit
