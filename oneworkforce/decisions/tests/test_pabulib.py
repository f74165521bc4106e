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


GDANSK = next(p for p in SHARED_FILES if p.name == "poland_gdansk_2020_rudniki.pb")
CHECKED = """META
key;value
num_projects;3
num_votes;3
budget;100
vote_type;approval
min_length;1
max_length;2
max_sum_cost;100
PROJECTS
project_id;cost
a;60
b;40
c;30
VOTES
voter_id;vote
1;a,b
2;b,c
3;c
"""


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_an_election_cut_short_is_refused_naming_where_its_votes_end():
    lines = _lines(GDANSK)
    cut = "".join(lines[: int(len(lines) * 0.6)])
    with pytest.raises(PabulibError) as error:
        loads(cut, source=GDANSK.name)
    assert error.value.line == int(len(lines) * 0.6)
    assert "the VOTES section ends after 87 ballots, but META num_votes (line 10) says 163" in (
        str(error.value)
    )


def test_an_election_with_a_junk_line_added_is_refused_naming_it():
    text = GDANSK.read_text(encoding="utf-8") + "junk\n"
    with pytest.raises(PabulibError) as error:
        loads(text, source=GDANSK.name)
    assert error.value.line == len(_lines(GDANSK)) + 1
    assert "chooses no project" in str(error.value)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (CHECKED + "4;a\n", 20, "ballots beyond the 3 that META num_votes (line 4) says 3"),
        (CHECKED.replace("c;30\n", ""), 13, "META num_projects (line 3) says 3"),
        (CHECKED.replace("3;c", "3;a,b,c"), 19, "the number of projects chosen is 3, but META"),
        (
            CHECKED.replace("max_sum_cost;100", "max_sum_cost;90"),
            17,
            "voter 1: the cost of the projects chosen is 100, but META max_sum_cost is 90",
        ),
        (CHECKED.replace("num_votes;3", "num_votes;three"), 4, "num_votes 'three' is not"),
        (CHECKED.replace("max_length;2", "max_length;two"), 8, "max_length 'two' is not a number"),
        (CHECKED.replace("budget;100\n", "budget;100\nbudget;5\n"), 6, "META gives budget twice"),
        (CHECKED.replace("voter_id;vote", "voter_id;vote;vote"), 16, "names column(s) vote twice"),
        (CHECKED.replace("3;c", ";c"), 19, "a ballot has no voter_id"),
        (CHECKED.replace("2;b,c", "2;b\x00,c"), 18, "holds a zero byte"),
        (CHECKED.replace("3;c", '3;"c'), 19, "not closed before the end of the file"),
    ],
)
def test_a_file_disagreeing_with_its_meta_or_damaged_names_the_line(text, line, words):
    with pytest.raises(PabulibError) as error:
        loads(text, source="x.pb")
    assert error.value.line == line, str(error.value)
    assert words in str(error.value)


@pytest.mark.parametrize(
    ("meta", "vote", "words"),
    [
        ("min_points;1\nmax_points;3", "a,b;4,1", "the points given to a project is 4"),
        ("min_points;1\nmax_points;3", "a,b;0,1", "the points given to a project is 0"),
        ("max_sum_points;5", "a,b;3,3", "the points given in all is 6, but META max_sum_points"),
        ("min_sum_points;2", "a;1", "the points given in all is 1, but META min_sum_points"),
    ],
)
def test_points_outside_the_meta_limits_are_refused(meta, vote, words):
    text = GOOD.replace("vote_type;cumulative\n", f"vote_type;cumulative\n{meta}\n").replace(
        "1;a,b;3,2;30", f"1;{vote};30"
    )
    with pytest.raises(PabulibError, match=r"line 1[0-9]: voter 1: "):
        loads(text)
    with pytest.raises(PabulibError) as error:
        loads(text)
    assert words in str(error.value)


def test_a_choose_one_ballot_naming_two_projects_is_refused():
    text = CHECKED.replace("vote_type;approval", "vote_type;choose-1").replace("max_length;2\n", "")
    with pytest.raises(PabulibError, match="line 16: voter 1: the number of projects chosen is 2"):
        loads(text)


def test_a_file_not_in_utf8_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "latin.pb"
    path.write_bytes(CHECKED.replace("3;c", "3;c;Zo\u00eb").encode("latin-1"))
    with pytest.raises(PabulibError, match=r"latin\.pb line 19: the file is not UTF-8 text"):
        read(path)
