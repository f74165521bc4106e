"""The budgeting rules: worked examples, properties, and pabutools as the oracle."""

from __future__ import annotations

import random
from fractions import Fraction
from unittest import mock

import pabutools.election as pabu_election  # test-only oracle (a dev dependency)
import pabutools.rules as pabu_rules
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneworkforce.decisions.budgeting import (
    Ballot,
    Election,
    Project,
    equal_shares,
    greedy,
    phragmen,
    read,
)
from oneworkforce.decisions.budgeting.engine import EqualShares

from .elections import SHARED_FILES, approval


def test_greedy_skips_what_no_longer_fits_and_says_so():
    election = approval(100, {"a": 80, "b": 30, "c": 20}, ["a", "a", "a,b", "b,c", "c"])
    outcome = greedy(election)
    assert outcome.selected == ["a", "c"]
    assert (
        outcome.results["b"].reason
        == "Skipped because it no longer fitted: it costs 30 units, more than the 20 units left."
    )


def test_equal_shares_funds_the_minority_its_share():
    # 60 voters want a, b; 40 want c, d; each costs 40 of a budget of 100.
    election = approval(100, {"a": 40, "b": 40, "c": 40, "d": 40}, ["a,b"] * 60 + ["c,d"] * 40)
    assert greedy(election).selected == ["a", "b"]
    outcome = equal_shares(election)
    assert sorted(outcome.selected) == ["a", "c"]
    assert outcome.results["c"].price_per_supporter == 1
    assert "its 60 supporters had 20 units left between them" in outcome.results["b"].reason


def test_equal_shares_says_who_ran_short():
    # Six voters, 10 each. b is cheaper per supporter and goes first; voter 2 then has only
    # 5 left towards a, so voters 1 and 3 pay 9.50 each and voter 2 pays all they have.
    election = approval(60, {"a": 24, "b": 20}, ["a", "a,b", "a", "b", "b", "b"])
    outcome = equal_shares(election)
    assert outcome.selected == ["b", "a"]
    assert outcome.results["a"].price_per_supporter == Fraction(19, 2)
    assert outcome.results["a"].supporters_short == 1
    assert outcome.spent == {
        "1": Fraction(19, 2),
        "2": 10,
        "3": Fraction(19, 2),
        "4": 5,
        "5": 5,
        "6": 5,
    }
    assert "1 of them paid everything they had left" in outcome.results["a"].reason


def test_ties_go_to_the_first_project_id_in_string_order():
    election = approval(10, {"9": 10, "10": 10}, ["9,10", "9,10"])
    for rule in (greedy, equal_shares, phragmen):
        assert rule(election).selected == ["10"]


def test_add1_completion_spends_more_without_breaking_the_budget():
    election = approval(100, {"a": 50, "b": 50, "c": 30}, ["a"] * 5 + ["b"] * 3 + ["c"] * 2)
    plain = equal_shares(election)
    completed = equal_shares(election, completion="add1")
    assert plain.total_cost <= completed.total_cost <= 100
    assert completed.budget_per_voter > plain.budget_per_voter


def test_phragmen_stops_when_the_next_project_does_not_fit():
    # Loads: c 10, a 30, d 45, b 50. After c and a, d is next but does not fit.
    election = approval(100, {"a": 60, "b": 50, "c": 10, "d": 45}, ["a", "a", "b", "c", "d"])
    outcome = phragmen(election)
    assert outcome.selected == ["c", "a"]
    assert "did not fit" in outcome.results["d"].reason
    assert outcome.results["b"].reason == "Not funded: the rule stopped before reaching it."


def test_points_satisfaction_uses_the_points_given():
    election = Election(
        meta={"budget": "10", "vote_type": "cumulative"},
        projects={"a": Project("a", Fraction(10)), "b": Project("b", Fraction(10))},
        ballots=[
            Ballot("1", ("a", "b"), points=(Fraction(1), Fraction(9))),
            Ballot("2", ("a",), points=(Fraction(5),)),
        ],
    )
    assert greedy(election).selected == ["a"]  # two supporters beat one
    assert greedy(election, satisfaction="points").selected == ["b"]  # nine points beat six


# Properties -------------------------------------------------------------------------------------

elections = st.builds(
    lambda budget, costs, ballots: approval(
        budget,
        {f"p{i}": c for i, c in enumerate(costs)},
        [",".join(f"p{i}" for i in sorted(b) if i < len(costs)) for b in ballots],
    ),
    st.integers(1, 200),
    st.lists(st.integers(0, 120), min_size=1, max_size=7),
    st.lists(st.sets(st.integers(0, 6), max_size=4), min_size=1, max_size=25),
)


@settings(max_examples=150)
@given(elections, st.sampled_from([None, "add1", "add1-greedy"]))
def test_no_rule_ever_exceeds_the_budget(election, completion):
    assert greedy(election).total_cost <= election.budget
    assert phragmen(election).total_cost <= election.budget
    assert equal_shares(election, completion=completion).total_cost <= election.budget


@settings(max_examples=150)
@given(elections, st.sampled_from([None, "add1"]))
def test_equal_shares_never_charges_a_voter_more_than_their_share(election, completion):
    outcome = equal_shares(election, completion=completion)
    assert all(0 <= spent <= outcome.budget_per_voter for spent in outcome.spent.values())
    assert sum(outcome.spent.values()) == outcome.total_cost


@settings(max_examples=100)
@given(elections, st.randoms(use_true_random=False))
def test_results_do_not_depend_on_reading_order(election, shuffle):
    projects = list(election.projects.items())
    ballots = list(election.ballots)
    shuffle.shuffle(projects)
    shuffle.shuffle(ballots)
    shuffled = Election(meta=election.meta, projects=dict(projects), ballots=ballots)
    assert greedy(shuffled).selected == greedy(election).selected
    assert phragmen(shuffled).selected == phragmen(election).selected
    assert equal_shares(shuffled).selected == equal_shares(election).selected
    assert (
        equal_shares(shuffled, completion="add1").selected
        == equal_shares(election, completion="add1").selected
    )


# pabutools as the oracle ------------------------------------------------------------------------

# Every shared election and every rule. pabutools is given each profile as a multiprofile (each
# distinct ballot once, with how many voters cast it), its own representation for this: the
# same outcomes, about three times faster on Wieliczka with add-one completion, the slowest case
# (about 4 s instead of 14 s; ours is well under a second).
CASES = [
    pytest.param(path, rule, id=f"{path.name}-{rule}")
    for path in SHARED_FILES
    for rule in ("greedy", "equal-shares", "add1", "phragmen")
]


def pabutools_outcome(path, rule):
    instance, ballots = pabu_election.parse_pabulib(str(path))
    profile = ballots.as_multiprofile()
    cost = pabu_election.Cost_Sat
    if rule == "greedy":
        return pabu_rules.greedy_utilitarian_welfare(instance, profile, sat_class=cost)
    if rule == "equal-shares":
        return pabu_rules.method_of_equal_shares(instance, profile, sat_class=cost)
    if rule == "add1":
        return pabu_rules.method_of_equal_shares(
            instance, profile, sat_class=cost, voter_budget_increment=1
        )
    return pabu_rules.sequential_phragmen(instance, profile)


@pytest.mark.parametrize(("path", "rule"), CASES)
def test_outcomes_equal_pabutools_on_the_shared_elections(path, rule):
    election = read(path)
    if rule == "phragmen" and election.vote_type not in ("approval", "choose-1"):
        with pytest.raises(ValueError, match="approval"):
            phragmen(election)
        return
    ours = {
        "greedy": lambda: greedy(election),
        "equal-shares": lambda: equal_shares(election),
        "add1": lambda: equal_shares(election, completion="add1"),
        "phragmen": lambda: phragmen(election),
    }[rule]()
    theirs = pabutools_outcome(path, rule)
    assert sorted(ours.selected) == sorted(p.name for p in theirs)


def test_assen_2024_published_winners_are_reproduced_by_add1():
    path = next(p for p in SHARED_FILES if p.name == "Netherlands_Assen_2024.pb")
    election = read(path)
    published = {p.id for p in election.projects.values() if p.extra["selected"] == "1"}
    assert election.meta["rule"] == "equalshares/add1"
    assert set(equal_shares(election, completion="add1").selected) == published


def test_shuffling_voters_keeps_the_real_outcome():
    path = next(p for p in SHARED_FILES if p.name == "Poland_Warszawa_2019_Anin.pb")
    election = read(path)
    ballots = list(election.ballots)
    random.Random(7).shuffle(ballots)
    shuffled = Election(meta=election.meta, projects=election.projects, ballots=ballots)
    assert equal_shares(shuffled).selected == equal_shares(election).selected


tie_prone = st.builds(
    lambda budget, costs, ballots: approval(
        budget,
        {f"p{i}": c for i, c in enumerate(costs)},
        [",".join(f"p{i}" for i in sorted(b) if i < len(costs)) for b in ballots],
    ),
    st.sampled_from([60, 100, 120, 1000]),
    st.lists(st.sampled_from([10, 20, 30, 60]), min_size=1, max_size=6),
    st.lists(st.sets(st.integers(0, 5), min_size=1, max_size=3), min_size=1, max_size=12),
)


@settings(max_examples=200)
@given(tie_prone)
def test_the_floating_point_screen_never_changes_an_outcome(election):
    """Equal costs and equal support make exact ties common here; the fast add-one scan must
    reach the same outcome as the scan that decides everything in exact arithmetic."""

    fast = equal_shares(election, completion="add1")
    with mock.patch.object(EqualShares, "_selection_float", return_value=None):
        exact = equal_shares(election, completion="add1")
    assert fast.selected == exact.selected
    assert fast.budget_per_voter == exact.budget_per_voter


def _phragmen_reference(election):
    """Sequential Phragmén written plainly, in exact arithmetic, voter by voter."""
    loads = {b.voter_id: Fraction(0) for b in election.ballots}
    backers = {
        p: [b.voter_id for b in election.ballots if p in b.projects] for p in election.projects
    }
    remaining = [p for p, project in election.projects.items() if project.cost <= election.budget]
    selected, spent = [], Fraction(0)
    while remaining:

        def load(p):
            if not backers[p]:
                return float("inf")
            return (sum(loads[v] for v in backers[p]) + election.projects[p].cost) / len(backers[p])

        best = min(load(p) for p in remaining)
        tied = [p for p in remaining if load(p) == best]
        if any(spent + election.projects[p].cost > election.budget for p in tied):
            break
        chosen = min(tied)
        for voter in backers[chosen]:
            loads[voter] = best
        remaining.remove(chosen)
        selected.append(chosen)
        spent += election.projects[chosen].cost
    return selected


@settings(max_examples=200)
@given(tie_prone)
def test_phragmen_equals_a_plain_exact_implementation(election):
    assert phragmen(election).selected == _phragmen_reference(election)
