"""One block by deferred acceptance: valid, stable, the same as the ``matching`` package's
resident-optimal answer, reproducible, and explained in plain words."""

from __future__ import annotations

import dataclasses
import warnings

from hypothesis import given, settings
from hypothesis import strategies as st
from matching.games import HospitalResident

from oneworkforce.deployments import rotations
from oneworkforce.deployments.rotations import Apprentice, Placement, Problem, Site

from .rotations_fixtures import broken_rules, site_order, small_problems, within_reach

FAST = settings(max_examples=60, deadline=None)


def _acceptable(problem: Problem, apprentice: Apprentice, block: int) -> list[str]:
    return [
        p
        for p in apprentice.preferences
        if problem.placement[p].places[block - 1] > 0 and within_reach(problem, apprentice.id, p)
    ]


def _oracle(problem: Problem, block: int) -> dict[tuple[str, int], str]:
    """The ``matching`` package's resident-optimal stable matching (one placement per site, so
    a site's supervisor limit is just a tighter capacity)."""
    capacity = {}
    for p in problem.placements:
        limit = problem.site[p.site].supervisors
        places = p.places[block - 1]
        capacity[p.id] = places if limit is None else min(places, limit[block - 1])
    residents = {}
    for a in problem.apprentices:
        wanted = [p for p in _acceptable(problem, a, block) if capacity[p] > 0]
        if wanted:
            residents[a.id] = wanted
    hospitals = {
        p.id: [a for a in site_order(problem, p.site) if p.id in residents.get(a, ())]
        for p in problem.placements
        if capacity[p.id] > 0
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            residents, hospitals, {h: capacity[h] for h in hospitals}
        )
        matching = game.solve(optimal="resident")
    return {(r.name, block): h.name for h, held in matching.items() for r in held}


def _blocking_pairs(
    problem: Problem, assignment: dict[tuple[str, int], str], block: int
) -> list[tuple[str, str]]:
    """(apprentice, placement) pairs who would both rather be together: going down its order
    through the apprentices it holds plus this one, taking each while their placement and its
    supervisors have room, the site would take the apprentice."""
    found = []
    for a in problem.apprentices:
        mine = assignment.get((a.id, block))
        acceptable = _acceptable(problem, a, block)
        better = acceptable[: acceptable.index(mine)] if mine else acceptable
        for wanted in better:
            site = problem.placement[wanted].site
            limit = problem.site[site].supervisors
            held = {
                who: p
                for (who, b), p in assignment.items()
                if b == block and problem.placement[p].site == site
            }
            held[a.id] = wanted
            taken: dict[str, int] = {}
            at_site = 0
            for who in site_order(problem, site):
                if who not in held:
                    continue
                placement = held[who]
                room = taken.get(placement, 0) < problem.placement[placement].places[block - 1]
                if room and (limit is None or at_site < limit[block - 1]):
                    if who == a.id:
                        found.append((a.id, wanted))
                    taken[placement] = taken.get(placement, 0) + 1
                    at_site += 1
                if who == a.id:
                    break
    return found


@FAST
@given(small_problems(one_placement_per_site=True), st.data())
def test_it_gives_the_matching_packages_resident_optimal_allocation(problem, data):
    block = data.draw(st.integers(1, len(problem.blocks)))
    result = rotations.allocate_block(problem, block)
    assert result.status == "STABLE"
    assert result.assignment == _oracle(problem, block)


@FAST
@given(small_problems(), st.data())
def test_it_keeps_every_rule_and_leaves_no_blocking_pair(problem, data):
    block = data.draw(st.integers(1, len(problem.blocks)))
    result = rotations.allocate_block(problem, block)
    assert broken_rules(problem, result.assignment, block=block) == []
    assert rotations.check_plan(problem, result.assignment, blocks=[block], complete=False) == []
    assert _blocking_pairs(problem, result.assignment, block) == []
    for (apprentice, _), placement in result.assignment.items():
        assert problem.choice(apprentice, placement) is not None


@FAST
@given(small_problems(), st.randoms(use_true_random=False))
def test_it_does_not_depend_on_the_order_of_the_input(problem, random):
    people = list(problem.apprentices)
    random.shuffle(people)
    shuffled = dataclasses.replace(problem, apprentices=tuple(people))
    for block in problem.block_numbers:
        first = rotations.allocate_block(problem, block)
        again = rotations.allocate_block(shuffled, block)
        assert first.assignment == again.assignment


def test_the_same_seed_gives_the_same_file_and_another_seed_may_not():
    problem = _contest(ranking=())
    first = rotations.dumps_allocation(problem, rotations.allocate_block(problem, 1))
    assert rotations.dumps_allocation(problem, rotations.allocate_block(problem, 1)) == first
    seeds = {
        rotations.allocate_block(dataclasses.replace(problem, seed=s), 1).assignment["A1", 1]
        for s in range(12)
    }
    assert seeds == {"P1", "P3"}


def _contest(ranking: tuple[str, ...], supervisors: tuple[int, ...] | None = None) -> Problem:
    """Two apprentices want one place at Site 1; A1's second choice is far from home."""
    return Problem(
        blocks=("Autumn",),
        sites=(
            Site("S1", "O1", "Site 1", 53.80, -1.55, supervisors, ranking),
            Site("S2", "O1", "Site 2", 54.20, -1.55),
            Site("S3", "O1", "Site 3", 53.81, -1.55),
        ),
        placements=(
            Placement("P1", "S1", "acute", (1,), "Ward 1"),
            Placement("P2", "S2", "community", (1,), "Team 2"),
            Placement("P3", "S3", "vcse", (1,), "Hub 3"),
        ),
        apprentices=(
            Apprentice("A1", ("P1", "P2", "P3"), latitude=53.8, longitude=-1.55, max_travel_km=25),
            Apprentice("A2", ("P1",)),
        ),
        seed=3,
    )


def test_it_explains_a_full_first_choice_and_a_choice_beyond_the_travel_limit():
    problem = _contest(ranking=("A2",))
    result = rotations.allocate_block(problem, 1)
    first, second = result.explanations
    assert (first.apprentice, first.placement, first.choice) == ("A1", "P3", 3)
    assert first.text == (
        "Your 3rd choice: Hub 3 (P3)."
        " Your 1st choice, Ward 1 (P1), was full with apprentices the site ranked higher."
        " Your 2nd choice, Team 2 (P2), is 44.5 km from your home, beyond your 25 km"
        " travel limit."
    )
    assert [(p.placement, p.reason) for p in first.passed_over] == [
        ("P1", "full"),
        ("P2", "travel"),
    ]
    assert second.text == "Your 1st choice: Ward 1 (P1)."


def test_it_says_when_the_lottery_decided():
    problem = _contest(ranking=())
    loser = next(
        e for e in rotations.allocate_block(problem, 1).explanations if e.placement != "P1"
    )
    assert "was full with apprentices drawn ahead of you in the lottery" in loser.text


def test_it_says_when_an_apprentice_gets_no_placement():
    problem = _contest(ranking=("A1",))
    result = rotations.allocate_block(problem, 1)
    assert ("A2", 1) not in result.assignment
    assert result.explanations[1].text == (
        "No placement in block 1."
        " Your 1st choice, Ward 1 (P1), was full with apprentices the site ranked higher."
    )


def test_it_shares_a_sites_supervisors_across_its_placements():
    problem = Problem(
        blocks=("Autumn",),
        sites=(Site("S1", "O1", "Site 1", supervisors=(2,), ranking=("A3", "A1", "A2")),),
        placements=(
            Placement("P1", "S1", "acute", (2,)),
            Placement("P2", "S1", "community", (2,)),
        ),
        apprentices=(
            Apprentice("A1", ("P1",)),
            Apprentice("A2", ("P2",)),
            Apprentice("A3", ("P2",)),
        ),
    )
    result = rotations.allocate_block(problem, 1)
    assert result.assignment == {("A1", 1): "P1", ("A3", 1): "P2"}
    assert result.explanations[1].text == (
        "No placement in block 1. Your 1st choice, P2, had no supervisor free: Site 1 (S1)"
        " can supervise at most 2 apprentice(s) in block 1, all taken by apprentices the site"
        " ranked higher."
    )


def test_it_places_overrides_first_and_avoids_their_sites_in_the_block():
    problem = Problem(
        blocks=("Autumn", "Spring"),
        sites=(Site("S1", "O1"), Site("S2", "O1"), Site("S3", "O1")),
        placements=(
            Placement("P1", "S1", "acute", (1, 1)),
            Placement("P2", "S2", "vcse", (1, 1)),
            Placement("P3", "S3", "community", (1, 1)),
        ),
        apprentices=(Apprentice("A1", ("P1", "P2", "P3")), Apprentice("A2", ("P1", "P2"))),
        overrides=(
            rotations.Override("A2", 1, "P1", "Starts on the ward"),
            rotations.Override("A1", 2, "P3", "Team asked for them"),
        ),
        seed=1,
    )
    first = rotations.allocate_block(problem, 1)
    assert first.assignment == {("A1", 1): "P2", ("A2", 1): "P1"}
    a1, a2 = first.explanations
    assert a1.text == (
        "Your 2nd choice: P2. Your 1st choice, P1, was full with apprentices placed there"
        " by the coordinator."
    )
    assert a2.text == "Your 1st choice: P1. Set by the coordinator: Starts on the ward."
    second = rotations.allocate_block(problem, 2)
    assert second.assignment == {("A1", 2): "P3", ("A2", 2): "P2"}
    assert second.explanations[1].text == (
        "Your 2nd choice: P2. Your 1st choice, P1, is your placement in block 1."
    )
