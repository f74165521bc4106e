"""The engine's ``eligible`` list: an apprentice (or a student, for the placements app) may be
given only the placements on it. Without a list, nothing changes (the other rotation tests)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from oneworkforce.deployments import rotations
from oneworkforce.deployments.rotations import Apprentice, Placement, Problem, Site

from .rotations_fixtures import small_problems

FAST = settings(max_examples=40, deadline=None)


def _two_wards() -> Problem:
    return Problem(
        blocks=("Autumn",),
        sites=(Site("S1", "P1"), Site("S2", "P2")),
        placements=(
            Placement("ward", "S1", "acute", (2,)),
            Placement("home", "S2", "adult_social_care", (2,)),
        ),
        apprentices=(
            Apprentice("A1", preferences=("ward", "home"), eligible=("home",)),
            Apprentice("A2", preferences=("ward", "home")),
        ),
    )


def test_an_apprentice_is_never_given_a_placement_off_their_list():
    problem = _two_wards()
    plan = rotations.allocate_plan(problem, time_limit=5)
    block = rotations.allocate_block(problem, 1)
    assert plan.assignment == {("A1", 1): "home", ("A2", 1): "ward"}
    assert block.assignment == {("A1", 1): "home", ("A2", 1): "ward"}


def test_the_explanation_says_a_first_choice_off_the_list_could_not_be_taken():
    problem = _two_wards()
    plan = rotations.allocate_plan(problem, time_limit=5)
    mine = next(e for e in plan.explanations if e.apprentice == "A1")
    assert [(p.placement, p.reason) for p in mine.passed_over] == [("ward", "not_eligible")]


def test_check_plan_names_a_placement_off_the_list():
    problem = _two_wards()
    found = rotations.check_plan(problem, {("A1", 1): "ward", ("A2", 1): "home"})
    assert [(v.rule, v.apprentice) for v in found] == [("eligibility", "A1")]


def test_an_empty_list_is_diagnosed_before_solving():
    problem = dataclasses.replace(
        _two_wards(), apprentices=(Apprentice("A1", preferences=("ward",), eligible=()),)
    )
    plan = rotations.allocate_plan(problem, time_limit=5)
    assert plan.status == "INFEASIBLE"
    assert any("A1" in message for message in plan.problems)


def test_an_unknown_placement_on_the_list_is_refused():
    try:
        Problem(
            blocks=("Autumn",),
            sites=(Site("S1", "P1"),),
            placements=(Placement("ward", "S1", "acute", (1,)),),
            apprentices=(Apprentice("A1", eligible=("ward", "theatre")),),
        )
    except rotations.RotationInputError as error:
        assert error.messages == ["apprentice A1: eligible names unknown placement 'theatre'"]
    else:
        raise AssertionError("an unknown placement was accepted")


@st.composite
def _with_lists(draw: st.DrawFn) -> Problem:
    problem = draw(small_problems(max_blocks=2, roomy=True))
    ids = [p.id for p in problem.placements]
    people = tuple(
        dataclasses.replace(
            a, eligible=tuple(draw(st.lists(st.sampled_from(ids), unique=True, min_size=1)))
        )
        for a in problem.apprentices
    )
    return dataclasses.replace(problem, apprentices=people)


@FAST
@given(_with_lists())
def test_every_plan_and_block_keeps_to_the_lists(problem: Problem):
    plan = rotations.allocate_plan(problem, time_limit=5, work_limit=2)
    if plan.succeeded:
        assert rotations.check_plan(problem, plan.assignment) == []
    block = rotations.allocate_block(problem, 1)
    for (apprentice, _), placement in block.assignment.items():
        assert placement in (problem.apprentice[apprentice].eligible or ())
    assert not any(
        v.rule == "eligibility"
        for v in rotations.check_plan(problem, block.assignment, blocks=[1], complete=False)
    )


@FAST
@given(small_problems(max_blocks=2, roomy=True))
def test_a_list_of_every_placement_changes_nothing(problem: Problem):
    everything = tuple(p.id for p in problem.placements)
    listed = dataclasses.replace(
        problem,
        apprentices=tuple(dataclasses.replace(a, eligible=everything) for a in problem.apprentices),
    )
    before = rotations.allocate_plan(problem, time_limit=5, work_limit=2, explained=False)
    after = rotations.allocate_plan(listed, time_limit=5, work_limit=2, explained=False)
    assert (before.status, before.objective) == (after.status, after.objective)
    assert rotations.allocate_block(problem, 1).assignment == (
        rotations.allocate_block(listed, 1).assignment
    )
