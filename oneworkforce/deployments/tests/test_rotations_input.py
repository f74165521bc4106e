"""Reading the rotation input: every problem named, all at once; what is read round-trips."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

import pytest
from hypothesis import given, settings

from oneworkforce.deployments import rotations

from .rotations_fixtures import EXAMPLE, small_problems


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text())
    return data


def _messages(data: object) -> list[str]:
    with pytest.raises(rotations.RotationInputError) as raised:
        rotations.load_problem(data)
    return raised.value.messages


def test_it_reads_the_example_with_its_defaults_filled_in():
    problem = rotations.read_problem(EXAMPLE)
    assert problem.seed == 2026
    assert problem.blocks == ("Sep-Dec 2026", "Jan-Apr 2027", "May-Aug 2027")
    assert problem.placement["GEN-ED"].places == (1, 1, 1)
    assert problem.site["OAK"].supervisors == (1, 1, 1)
    assert problem.site["STA"].supervisors is None
    assert problem.site["GEN"].ranking == ("A3", "A1")
    assert problem.apprentice["A2"].max_travel_km is None
    assert problem.overrides[0] == rotations.Override(
        "A5", 2, "CSS-GP", "Needs general practice experience before the end-point assessment"
    )


def test_it_takes_a_number_of_blocks_instead_of_labels():
    data = _example()
    data["blocks"] = 3
    assert rotations.load_problem(data).blocks == ("Block 1", "Block 2", "Block 3")


def test_it_names_unknown_references_in_one_error():
    data = _example()
    data["placements"][0]["site"] = "NOWHERE"
    data["apprentices"][0]["preferences"].append("P99")
    data["sites"][0]["ranking"].append("A77")
    data["apprentices"][1]["employer"] = "XYZ"
    data["sites"][1]["partner"] = "ABC"
    data["overrides"].append(
        {"apprentice": "A99", "block": 2, "placement": "CSS-GP", "reason": "Cover"}
    )
    assert _messages(data) == [
        "site GEN: ranking names unknown apprentice 'A77'",
        "site STA: partner 'ABC' is not in the partners list",
        "placement GEN-WARD: site 'NOWHERE' is not in the sites list",
        "apprentice A1: preferences names unknown placement 'P99'",
        "apprentice A2: employer 'XYZ' is not in the partners list",
        "override 2 (apprentice A99, block 2): apprentice 'A99' is not in the list",
    ]


def test_it_names_duplicate_ids_and_repeated_choices():
    data = _example()
    data["apprentices"][1]["id"] = "A1"
    data["sites"].append(copy.deepcopy(data["sites"][0]))
    data["apprentices"][2]["preferences"].append("GEN-ED")
    assert _messages(data) == [
        "site id 'GEN' is used 2 times",
        "apprentice id 'A1' is used 2 times",
        "apprentice A3: preferences names 'GEN-ED' 2 times",
    ]


def test_it_refuses_negative_places_and_lists_of_the_wrong_length():
    data = _example()
    data["placements"][0]["places"] = [3, -2, 1]
    data["placements"][1]["places"] = [1, 1]
    data["sites"][0]["supervisors"] = -1
    assert _messages(data) == [
        "site GEN: supervisors in block 1 must be a whole number, 0 or more, not -1",
        "site GEN: supervisors in block 2 must be a whole number, 0 or more, not -1",
        "site GEN: supervisors in block 3 must be a whole number, 0 or more, not -1",
        "placement GEN-WARD: places in block 2 must be a whole number, 0 or more, not -2",
        "placement GEN-ED: places has 2 number(s) but the plan has 3 block(s);"
        " give one number for each block",
    ]


def test_it_refuses_overrides_out_of_range_or_without_a_reason():
    data = _example()
    data["overrides"] = [
        {"apprentice": "A1", "block": 4, "placement": "GEN-ED", "reason": "Cover"},
        {"apprentice": "A2", "block": 1, "placement": "P0", "reason": "  "},
        {"apprentice": "A3", "block": 1, "placement": "GEN-ED", "reason": "Cover"},
        {"apprentice": "A3", "block": 1, "placement": "OAK-IP", "reason": "Cover"},
    ]
    assert _messages(data) == [
        "overrides[1]: reason must be non-empty text, not '  '",
    ]
    data["overrides"][1]["reason"] = "Cover"
    assert _messages(data) == [
        "override 1 (apprentice A1, block 4): block must be from 1 to 3, not 4",
        "override 2 (apprentice A2, block 1): placement 'P0' is not in the list",
        "override 4 (apprentice A3, block 1): this apprentice already has an override"
        " for this block",
    ]


def test_it_names_bad_types_and_unknown_fields_by_their_place_in_the_file():
    data = _example()
    data["seed"] = -1
    data["colour"] = "blue"
    data["sites"][0]["latitude"] = "north"
    data["sites"][2]["capacity"] = 3
    data["placements"][3]["places"] = "two"
    data["placements"][4] = "OAK-IP"
    data["apprentices"][0]["preferences"] = "GEN-ED"
    data["apprentices"][1]["max_travel_km"] = True
    del data["apprentices"][2]["id"]
    assert _messages(data) == [
        "unknown field 'colour'",
        "seed must be a whole number, 0 or more, not -1",
        "sites[2] (RHC): unknown field 'capacity'",
        "sites[0] (GEN): latitude must be a number, not 'north'",
        "placements[4] must be an object, not 'OAK-IP'",
        "placements[3] (RHC-DN): places must be a whole number or a list of whole numbers"
        " (one a block), not 'two'",
        "apprentices[0] (A1): preferences must be a list of ids (text), not 'GEN-ED'",
        "apprentices[1] (A2): max_travel_km must be a number, not true",
        "apprentices[2]: id is missing",
    ]


def test_it_refuses_impossible_locations_and_travel_limits():
    data = _example()
    data["sites"][1]["latitude"] = 95.0
    data["sites"][2].pop("longitude")
    data["apprentices"][0]["max_travel_km"] = 0
    assert _messages(data) == [
        "site STA: latitude must be between -90 and 90, not 95.0",
        "site RHC: give both latitude and longitude, or neither",
        "apprentice A1: max_travel_km must be a number above 0, not 0.0",
    ]


def test_it_refuses_a_file_that_is_not_json_or_not_an_object():
    with pytest.raises(rotations.RotationInputError) as raised:
        rotations.loads_problem('{"blocks": 3,}')
    assert raised.value.messages == [
        "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 14)"
    ]
    assert _messages([1, 2]) == ["the input must be a JSON object, not [1, 2]"]
    assert _messages({}) == [
        "blocks is missing",
        "sites is missing",
        "placements is missing",
        "apprentices is missing",
    ]


def test_it_checks_problems_built_in_python_too():
    with pytest.raises(rotations.RotationInputError) as raised:
        rotations.Problem(
            blocks=("Autumn",),
            sites=(rotations.Site("S1", "O1"),),
            placements=(rotations.Placement("P1", "S1", "hospital", (2,)),),
            apprentices=(rotations.Apprentice("A1", ("P1",)),),
        )
    assert raised.value.messages == [
        "placement P1: setting 'hospital' is not one of acute, community, mental_health,"
        " primary_care, adult_social_care, vcse"
    ]


@settings(max_examples=40, deadline=None)
@given(small_problems())
def test_it_reads_back_what_it_writes(problem):
    again = rotations.load_problem(json.loads(json.dumps(rotations.problem_as_json(problem))))
    assert again == problem


def test_the_lottery_depends_on_the_seed_and_not_on_the_order_of_the_input():
    problem = rotations.read_problem(EXAMPLE)
    reordered = dataclasses.replace(problem, apprentices=tuple(reversed(problem.apprentices)))
    assert rotations.lottery_order(reordered) == rotations.lottery_order(problem)
    other = dataclasses.replace(problem, seed=7)
    assert rotations.lottery_order(other) != rotations.lottery_order(problem)
