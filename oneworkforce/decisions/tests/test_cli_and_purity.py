from __future__ import annotations

import json
import subprocess
import sys

from oneworkforce.core import cli

from .elections import SHARED_FILES

ASSEN = next(p for p in SHARED_FILES if p.name == "Netherlands_Assen_2024.pb")


def test_the_budgeting_package_imports_nothing_from_django():
    code = (
        "import sys, oneworkforce.decisions.budgeting.cli;"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'django'];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_budget_command_prints_json_with_selected_and_total_cost(capsys):
    assert (
        cli.main(["budget", str(ASSEN), "--rule", "equal-shares", "--completion", "add1", "--json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["total_cost"] == 76700
    assert sorted(data["selected"], key=int) == ["2", "3", "5", "6", "9", "11", "12", "13", "14"]
    explained = {p["id"]: p["explanation"] for p in data["projects"]}
    assert explained["3"].startswith("Funded at step 1")
    assert set(explained) == {str(n) for n in range(1, 15)}


def test_budget_command_reports_a_bad_file_with_its_line(tmp_path, capsys):
    bad = tmp_path / "bad.pb"
    bad.write_text("META\nkey;value\nbudget;x\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n")
    assert cli.main(["budget", str(bad)]) == 2
    assert capsys.readouterr().err.strip() == "error: bad.pb line 3: the budget 'x' is not a number"


def test_budget_command_refuses_ballots_disagreeing_with_meta_with_status_2(tmp_path, capsys):
    lines = ASSEN.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "cut.pb"
    cut.write_text("".join(lines[: len(lines) * 6 // 10]), encoding="utf-8")
    assert cli.main(["budget", str(cut)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: cut.pb line {len(lines) * 6 // 10}: the VOTES section ends")
    assert "META num_votes (line 8) says 84" in error
    junk = tmp_path / "junk.pb"
    junk.write_text("".join(lines) + "85;1;2\n", encoding="utf-8")
    assert cli.main(["budget", str(junk)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: junk.pb line {len(lines) + 1}: 3 values for 2 columns"
    )


def test_phragmen_on_points_ballots_is_refused_plainly(capsys):
    cumulative = next(p for p in SHARED_FILES if p.name == "Poland_Czestochowa_2024_Grabowka.pb")
    assert cli.main(["budget", str(cumulative), "--rule", "phragmen"]) == 1
    assert "approval" in capsys.readouterr().err
