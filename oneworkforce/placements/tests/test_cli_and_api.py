"""The command line and the API read the documented JSON and refuse bad input naming the
item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oneworkforce.core.cli import main

from ..allocation import jsonio

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "placements-small.json"


def test_the_documented_example_allocates_every_student(capsys):
    assert main(["placements", "allocate", str(EXAMPLE), "--work-limit", "5"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == "OPTIMAL"
    assert len(answer["placements"]) == 5
    u2 = next(p for p in answer["placements"] if p["student"] == "U2")
    assert u2["environment"] == "oak-house"
    assert all(p["why_here"] for p in answer["placements"])


def test_bad_input_names_every_item_at_fault(tmp_path, capsys):
    data = json.loads(EXAMPLE.read_text())
    data["offers"][0]["places"] = -1
    data["students"][1]["profession"] = "plumbing"
    data["offers"][2]["environment"] = "nowhere"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    assert main(["placements", "allocate", str(path)]) == 2
    errors = capsys.readouterr().err
    assert "offers[0] (oak-house-nursing): places must be a whole number from 0 to 10000" in errors
    assert "students[1] (U2): profession 'plumbing' is not one of" in errors
    assert (
        "offers[2] (millbrook-nursing): environment 'nowhere' is not in the environments list"
        in errors
    )


def test_malformed_json_names_the_line():
    with pytest.raises(jsonio.PlacementInputError) as refused:
        jsonio.loads('{\n "block": "A",\n oops }')
    assert refused.value.messages[0].startswith("line 3:")


@pytest.mark.django_db
def test_the_api_allocates_a_block_and_refuses_a_bad_one(client, learner):
    client.force_login(learner)
    body = {"block": json.loads(EXAMPLE.read_text())}
    answer = client.post("/api/v1/placements/allocate", body, content_type="application/json")
    assert answer.status_code == 200
    assert len(answer.json()["placements"]) == 5
    body["block"]["students"][0]["year"] = 9
    refused = client.post("/api/v1/placements/allocate", body, content_type="application/json")
    assert refused.status_code == 422
    assert "year must be a whole number from 1 to 4" in refused.json()["errors"][0]["message"]
