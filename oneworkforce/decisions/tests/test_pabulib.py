"""Reading and writing pabulib files: every shared election round-trips; bad files name the line."""

from __future__ import annotations

from fractions import Fraction

import pytest

from oneworkforce.decisions.budgeting import PabulibError, dumps, loads, read

from .elections import SHARED_FILES

GOOD = """META
key;value
budget;100
vote_type;cumulative
PROJECTS
project_id;cost;name
a;60;Alpha
b;40.5;Beta
VOTES
voter_id;vote;points;age
1;a,b;3,2;30
2;b;5;41
"""


def test_the_shared_data_has_elections():
    assert len(SHARED_FILES) >= 10


@pytest.mark.parametrize("path", SHARED_FILES, ids=lambda p: p.name)
def test_every_shared_election_round_trips(path):
    election = read(path)
    again = loads(dumps(election))
    assert again.meta == election.meta
    assert again.projects == election.projects
    assert again.ballots == election.ballots
    assert int(election.meta["num_votes"]) == len(election.ballots)
    assert int(election.meta["num_projects"]) == len(election.projects)


def test_values_and_extra_columns_are_kept():
    election = loads(GOOD)
    assert election.budget == 100
    assert election.projects["b"].cost == Fraction(81, 2)
    assert election.projects["a"].extra == {"name": "Alpha"}
    assert election.ballots[0].points == (3, 2)
    assert election.ballots[1].extra == {"age": "41"}
    assert "40.5" in dumps(election)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("VOTES\n", "VOTERS\n"), 12, "VOTES section is missing"),
        (GOOD.replace("2;b;5;41", "2;z;5;41"), 12, "unknown project z"),
        (GOOD.replace("a;60;Alpha", "a;sixty;Alpha"), 7, "'sixty' is not a number"),
        (GOOD.replace("budget;100\n", ""), 1, "no budget"),
        (GOOD.replace("budget;100\n", "budget;0\n"), 3, "more than zero"),
        (GOOD.replace("cumulative", "secret"), 4, "unknown vote_type"),
        (GOOD.replace("1;a,b;3,2;30", "1;a,b;3;30"), 11, "1 points for 2 projects"),
        (GOOD.replace("2;b;5;41", "1;b;5;41"), 12, "votes twice"),
        (GOOD.replace("b;40.5;Beta", "a;40.5;Beta"), 8, "listed twice"),
        (GOOD.replace("a;60;Alpha", "a;-1;Alpha"), 7, "negative cost"),
        (GOOD.replace("project_id;cost;name", "project_id;price;name"), 6, "lacks column(s) cost"),
        ("budget;100\n", 1, "META section first"),
    ],
)
def test_a_malformed_file_names_the_line(text, line, words):
    with pytest.raises(PabulibError) as error:
        loads(text, source="x.pb")
    assert error.value.line == line, str(error.value)
    assert words in str(error.value)
    assert str(error.value).startswith(f"x.pb line {line}:")
