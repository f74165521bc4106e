"""``oneworkforce rotations``: exit codes, files and messages; the JSON Schemas; the engine's
independence from Django."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from oneworkforce.core import cli
from oneworkforce.deployments import rotations
from oneworkforce.deployments.rotations import cli as rotations_cli

from .rotations_fixtures import EXAMPLE, INPUT_SCHEMA, OUTPUT_SCHEMA


def _write(path: Path, data: dict[str, Any]) -> str:
    path.write_text(json.dumps(data))
    return str(path)


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text())
    return data


def test_the_engine_and_its_command_import_nothing_from_django():
    code = (
        "import sys, oneworkforce.deployments.rotations;"
        "import oneworkforce.deployments.rotations.cli;"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'django'];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_allocate_writes_the_plan_and_prints_a_summary(tmp_path, capsys):
    out = tmp_path / "plan.json"
    assert cli.main(["rotations", "allocate", str(EXAMPLE), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "Plan of 3 block(s), 10 apprentices: CP-SAT (seed 2026), OPTIMAL",
        "Worst-off apprentice's cost 8 (bound 8, gap 0.0%); total cost 65 (bound 65, gap 0.0%)",
        "Choices over 30 placements: 1st 10, 2nd 8, 3rd 9, 4th or lower 3, not ranked 0",
        f"Wrote {out}",
    ]
    result = json.loads(out.read_text())
    assert result["status"] == "OPTIMAL"
    assert result["objective"] == {"worst_cost": 8, "total_cost": 65}
    a5 = next(a for a in result["apprentices"] if a["id"] == "A5")
    assert a5["placements"][1]["placement"] == "CSS-GP"
    assert a5["placements"][1]["override"].startswith("Needs general practice")
    assert cli.main(["rotations", "check", str(EXAMPLE), str(out)]) == 0
    assert capsys.readouterr().out == "The plan keeps every rule (1 override(s) applied)\n"


def test_allocate_one_block_by_deferred_acceptance(tmp_path, capsys):
    out = tmp_path / "block.json"
    code = cli.main(["rotations", "allocate", str(EXAMPLE), "--block", "1", "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:2] == [
        "Block 1 of 3, 10 apprentices: deferred acceptance (seed 2026), STABLE",
        "Placed 10 of 10",
    ]
    result = json.loads(out.read_text())
    assert result["method"] == "block" and result["blocks"] == [1]
    assert [len(a["placements"]) for a in result["apprentices"]] == [1] * 10
    assert cli.main(["rotations", "check", str(EXAMPLE), str(out), "--partial"]) == 0
    assert cli.main(["rotations", "check", str(EXAMPLE), str(out)]) == 1
    assert "Apprentice A1 has no placement in block 2" in capsys.readouterr().out


def test_the_same_seed_writes_the_same_file_and_seed_overrides_the_input(tmp_path):
    files = [tmp_path / f"{n}.json" for n in "abc"]
    for path, seed in zip(files, ("5", "5", "6"), strict=True):
        argv = ["rotations", "allocate", str(EXAMPLE), "--block", "2", "--seed", seed]
        assert cli.main([*argv, "--out", str(path)]) == 0
    assert files[0].read_bytes() == files[1].read_bytes()
    assert json.loads(files[0].read_text())["seed"] == 5
    assert json.loads(files[2].read_text())["seed"] == 6


def test_bad_input_exits_2_with_every_message_and_writes_nothing(tmp_path):
    data = _example()
    data["placements"][0]["places"] = -1
    data["apprentices"][3]["preferences"].append("NOPE")
    bad = _write(tmp_path / "bad.json", data)
    out = tmp_path / "out.json"
    result = subprocess.run(
        [sys.executable, "-m", "oneworkforce.core.cli", "rotations", "allocate", bad],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "error: bad.json: the input is not valid:",
        "  placement GEN-WARD: places in block 1 must be a whole number, 0 or more, not -1",
        "  placement GEN-WARD: places in block 2 must be a whole number, 0 or more, not -1",
        "  placement GEN-WARD: places in block 3 must be a whole number, 0 or more, not -1",
        "  apprentice A4: preferences names unknown placement 'NOPE'",
    ]
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--method", "block"], "error: --method block needs --block N (the block to allocate)"),
        (["--method", "plan", "--block", "1"], "error: --block is for --method block;"),
        (["--block", "4"], "error: --block must be from 1 to 3, not 4"),
        (["--seed", "-1"], "error: --seed must be 0 or more"),
        (["--time-limit", "0"], "error: --time-limit and --work-limit must be above 0"),
        (["--workers", "0"], "error: --workers must be 1 or more"),
    ],
)
def test_bad_options_exit_2_with_a_message(argv, message, capsys):
    assert cli.main(["rotations", "allocate", str(EXAMPLE), *argv]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_missing_and_malformed_files_exit_2(tmp_path, capsys):
    assert cli.main(["rotations", "allocate", str(tmp_path / "none.json")]) == 2
    assert "error: cannot read" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert cli.main(["rotations", "allocate", str(broken)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: broken.json: the input is not valid:",
        "  not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
    ]
    assert cli.main(["rotations", "check", str(EXAMPLE), str(broken)]) == 2
    assert "broken.json: not valid JSON" in capsys.readouterr().err
    plan = _write(tmp_path / "plan.json", {"apprentices": [{"id": "A1"}]})
    assert cli.main(["rotations", "check", str(EXAMPLE), plan]) == 2
    assert "apprentices[0] must have an id and a placements list" in capsys.readouterr().err


def _health_only() -> dict[str, Any]:
    data = _example()
    for placement in data["placements"]:
        if placement["setting"] in ("adult_social_care", "vcse"):
            placement["setting"] = "community"
    return data


def test_an_impossible_plan_exits_3_with_its_reasons_and_records_them(tmp_path, capsys):
    impossible = _write(tmp_path / "impossible.json", _health_only())
    out = tmp_path / "out.json"
    assert cli.main(["rotations", "allocate", impossible, "--out", str(out)]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[:3] == [
        "error: no plan meets every rule:",
        "  No social care or VCSE placement in any block",
        "  Apprentice A1 can reach no social care or VCSE placement within 10 km in any block",
    ]
    result = json.loads(out.read_text())
    assert result["status"] == "INFEASIBLE"
    assert result["problems"][0] == "No social care or VCSE placement in any block"
    assert result["apprentices"] == []


def test_a_search_that_finds_nothing_in_time_exits_4(monkeypatch, capsys):
    def nothing(problem: rotations.Problem, **_: object) -> rotations.Allocation:
        return rotations.Allocation(
            method="plan",
            blocks=(1, 2, 3),
            seed=problem.seed,
            status="UNKNOWN",
            assignment={},
            unranked_cost=6,
            stopped_by="time_limit",
        )

    monkeypatch.setattr(rotations_cli, "allocate_plan", nothing)
    assert cli.main(["rotations", "allocate", str(EXAMPLE), "--time-limit", "1"]) == 4
    assert capsys.readouterr().err == (
        "error: no plan found within the time limit; try a longer --time-limit\n"
    )


def test_check_lists_broken_rules_and_exits_1(tmp_path, capsys):
    out = tmp_path / "plan.json"
    assert cli.main(["rotations", "allocate", str(EXAMPLE), "--out", str(out)]) == 0
    plan = json.loads(out.read_text())
    for apprentice in plan["apprentices"][:2]:
        apprentice["placements"][0]["placement"] = "OAK-IP"
    edited = _write(tmp_path / "edited.json", plan)
    capsys.readouterr()
    assert cli.main(["rotations", "check", str(EXAMPLE), edited]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("The plan breaks ")
    assert "  Oakwood Unit (OAK) has 3 apprentice(s) in block 1 but supervisors for 1" in lines


def _validator(path: Path) -> jsonschema_rs.Validator:
    schema = json.loads(path.read_text())
    assert jsonschema_rs.meta.is_valid(schema)
    return jsonschema_rs.Draft202012Validator(schema)


def test_the_example_and_every_kind_of_result_match_the_schemas(tmp_path):
    assert _validator(INPUT_SCHEMA).is_valid(_example())
    output = _validator(OUTPUT_SCHEMA)
    problem = rotations.read_problem(EXAMPLE)
    results = [
        rotations.allocate_plan(problem, time_limit=30),
        rotations.allocate_block(problem, 3),
        rotations.allocate_plan(rotations.load_problem(_health_only()), time_limit=5),
    ]
    for result in results:
        data = rotations.allocation_as_json(problem, result)
        errors = [e.message for e in output.iter_errors(data)]
        assert errors == []


def test_the_input_schema_refuses_what_the_reader_refuses():
    schema = _validator(INPUT_SCHEMA)
    for change in (
        {"seed": -1},
        {"blocks": 0},
        {"colour": "blue"},
        {"placements": [{"id": "P", "site": "S", "setting": "ward", "places": 1}]},
        {"apprentices": [{"id": "A", "max_travel_km": 0}]},
    ):
        data = {**_example(), **change}
        assert not schema.is_valid(data), change
        with pytest.raises(rotations.RotationInputError):
            rotations.load_problem(data)
