"""A whole plan by CP-SAT: every rule kept, the best plan on small inputs (checked by trying
every plan), reproducible, infeasible inputs explained, overrides re-checked."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneworkforce.deployments import rotations
from oneworkforce.deployments.rotations import (
    HEALTH_SETTINGS,
    Apprentice,
    Override,
    Placement,
    Problem,
    Site,
)
from oneworkforce.deployments.rotations import plan as plan_module

from .rotations_fixtures import (
    EXAMPLE,
    broken_rules,
    random_problem,
    small_problems,
    within_reach,
)

FAST = settings(max_examples=40, deadline=None)


def _best_by_trying_everything(problem: Problem) -> tuple[int, int] | None:
    """(worst, total) of the best plan, trying every plan; ``None`` if there is none."""
    blocks = range(1, len(problem.blocks) + 1)
    unranked = 1 + max(len(a.preferences) for a in problem.apprentices)
    placement = {p.id: p for p in problem.placements}
    personal = []
    for a in problem.apprentices:
        options = []
        for picks in itertools.product(list(placement), repeat=len(blocks)):
            chosen = [placement[p] for p in picks]
            if (
                len({p.site for p in chosen}) < len(chosen)
                or any(p.places[b - 1] == 0 for b, p in zip(blocks, chosen, strict=True))
                or not all(within_reach(problem, a.id, p) for p in picks)
                or (
                    len(chosen) >= 2
                    and {p.setting in HEALTH_SETTINGS for p in chosen} != {True, False}
                )
            ):
                continue
            plan = {(a.id, b): p for b, p in zip(blocks, picks, strict=True)}
            cost = sum(
                a.preferences.index(p) + 1 if p in a.preferences else unranked for p in picks
            )
            options.append((plan, cost))
        personal.append(options)
    best = None
    for combination in itertools.product(*personal):
        plan = {k: v for mine, _ in combination for k, v in mine.items()}
        if broken_rules(problem, plan):
            continue
        costs = [cost for _, cost in combination]
        score = (max(costs), sum(costs))
        best = score if best is None or score < best else best
    return best


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        small_problems(max_blocks=2, max_sites=3, max_apprentices=3),
        small_problems(max_blocks=2, max_sites=3, max_apprentices=3, roomy=True),
    )
)
def test_it_finds_the_best_plan_or_proves_there_is_none(problem):
    best = _best_by_trying_everything(problem)
    result = rotations.allocate_plan(problem, time_limit=20)
    if best is None:
        assert result.status == "INFEASIBLE"
        assert result.problems and result.assignment == {}
        return
    assert rotations.diagnose(problem) == []
    assert result.status == "OPTIMAL"
    assert result.objective is not None
    assert (result.objective.worst, result.objective.total) == best
    assert result.best_bound == result.objective
    assert result.gap == (0.0, 0.0)


@FAST
@given(st.one_of(small_problems(max_apprentices=6), small_problems(max_apprentices=6, roomy=True)))
def test_every_plan_keeps_every_rule_and_every_refusal_gives_reasons(problem):
    result = rotations.allocate_plan(problem, time_limit=20)
    if result.status == "INFEASIBLE":
        assert result.problems
        return
    assert result.status == "OPTIMAL"
    assert rotations.check_plan(problem, result.assignment) == []
    assert broken_rules(problem, result.assignment) == []
    for apprentice in problem.apprentices:
        for block in problem.block_numbers:
            placement = result.assignment[apprentice.id, block]
            assert within_reach(problem, apprentice.id, placement)
    assert len(result.explanations) == len(problem.apprentices) * len(problem.blocks)
    assert all(p.reason != "not_improved" for e in result.explanations for p in e.passed_over)


@settings(max_examples=10, deadline=None)
@given(small_problems(max_apprentices=6, roomy=True))
def test_the_same_input_and_seed_give_the_same_file(problem):
    first = rotations.dumps_allocation(problem, rotations.allocate_plan(problem, time_limit=20))
    again = rotations.dumps_allocation(problem, rotations.allocate_plan(problem, time_limit=20))
    assert first == again


@pytest.mark.parametrize("workers", [1, 2])
def test_a_search_stopped_by_its_work_limit_repeats_exactly(workers):
    problem = random_problem(4, apprentices=60, sites=15, blocks=3)
    runs = [
        rotations.allocate_plan(problem, work_limit=0.3, time_limit=60, workers=workers)
        for _ in range(2)
    ]
    assert runs[0].stopped_by == "work_limit"
    assert runs[0].status == "FEASIBLE"
    assert rotations.check_plan(problem, runs[0].assignment) == []
    assert [rotations.dumps_allocation(problem, r) for r in runs[1:]] == [
        rotations.dumps_allocation(problem, runs[0])
    ]


def test_a_big_plan_improves_a_neighbourhood_at_a_time_and_repeats_exactly(monkeypatch):
    monkeypatch.setattr(plan_module, "FULL_MODEL_LIMIT", 0)
    monkeypatch.setattr(plan_module, "NEIGHBOURHOOD", 12)
    problem = random_problem(5, apprentices=40, sites=10, blocks=3)
    runs = [rotations.allocate_plan(problem, work_limit=0.2) for _ in range(2)]
    assert runs[0].status == "FEASIBLE" and runs[0].stopped_by == "work_limit"
    assert rotations.check_plan(problem, runs[0].assignment) == []
    assert runs[0].assignment == runs[1].assignment
    assert runs[0].objective is not None and runs[0].best_bound is not None
    assert runs[0].best_bound.worst <= runs[0].objective.worst


# --- reasons there is no plan ---------------------------------------------------------------


def _problem(**changes: object) -> Problem:
    """Two blocks, three apprentices at home in one town, three sites."""
    base = Problem(
        blocks=("Autumn", "Spring"),
        sites=(
            Site("S1", "O1", "Site 1", 53.80, -1.55),
            Site("S2", "O1", "Site 2", 53.82, -1.55),
            Site("S3", "O1", "Site 3", 53.90, -1.55),
        ),
        placements=(
            Placement("P1", "S1", "acute", (2, 2), "Ward"),
            Placement("P2", "S2", "adult_social_care", (2, 2), "Care team"),
            Placement("P3", "S3", "community", (2, 2), "District team"),
        ),
        apprentices=tuple(
            Apprentice(f"A{i}", ("P1", "P2", "P3"), latitude=53.8, longitude=-1.55)
            for i in (1, 2, 3)
        ),
    )
    return dataclasses.replace(base, **changes)


def _reasons(problem: Problem) -> list[str]:
    result = rotations.allocate_plan(problem, time_limit=10)
    assert result.status == "INFEASIBLE"
    assert result.problems == tuple(rotations.diagnose(problem))
    return list(result.problems)


def test_it_says_a_block_has_too_few_places_or_supervisors():
    few = _problem(
        placements=(
            Placement("P1", "S1", "acute", (1, 2)),
            Placement("P2", "S2", "adult_social_care", (1, 2)),
        ),
        apprentices=tuple(Apprentice(f"A{i}", ("P1",)) for i in (1, 2, 3)),
    )
    assert _reasons(few) == ["Block 1 has 2 places for 3 apprentices"]
    watched = _problem(
        sites=(
            Site("S1", "O1", supervisors=(1, 2)),
            Site("S2", "O1", supervisors=(0, 1)),
            Site("S3", "O1", supervisors=(1, 3)),
        )
    )
    assert _reasons(watched) == [
        "Block 1 has 6 places, but the sites' supervisors can take only 2 of the 3 apprentices"
    ]


def test_it_says_when_no_block_has_a_social_care_or_vcse_placement():
    health_only = _problem(
        placements=(
            Placement("P1", "S1", "acute", (2, 2)),
            Placement("P2", "S2", "primary_care", (2, 2)),
        ),
        apprentices=tuple(Apprentice(f"A{i}", ("P1",)) for i in (1, 2, 3)),
    )
    assert _reasons(health_only) == ["No social care or VCSE placement in any block"]
    scarce = _problem(
        placements=(
            Placement("P1", "S1", "acute", (2, 2)),
            Placement("P2", "S2", "vcse", (1, 1)),
            Placement("P3", "S3", "mental_health", (2, 2)),
        )
    )
    assert _reasons(scarce) == [
        "There are 2 places in social care or VCSE settings across all blocks for 3"
        " apprentices, who each need one"
    ]


def test_it_names_apprentices_who_cannot_reach_enough_placements():
    near = _problem(
        apprentices=(
            Apprentice("A1", ("P1",), latitude=53.8, longitude=-1.55, max_travel_km=1),
            Apprentice("A2", ("P1",), latitude=53.8, longitude=-1.55, max_travel_km=5),
            Apprentice("A3", ("P1",)),
        )
    )
    assert _reasons(near) == [
        "Apprentice A1 can reach only 1 site(s) within 1 km, but the plan has 2 blocks and no"
        " site may be repeated",
        "Apprentice A1 can reach no social care or VCSE placement within 1 km in any block",
    ]
    closed = _problem(
        placements=(
            Placement("P1", "S1", "acute", (0, 3)),
            Placement("P2", "S2", "adult_social_care", (3, 3)),
            Placement("P3", "S3", "community", (3, 3)),
        ),
        apprentices=(
            Apprentice("A1", ("P1",), latitude=53.8, longitude=-1.55, max_travel_km=1),
            Apprentice("A2", ("P1",)),
            Apprentice("A3", ("P1",)),
        ),
    )
    assert _reasons(closed)[0] == "Apprentice A1 can reach no placement within 1 km in block 1"


def test_it_names_a_group_who_cannot_all_be_placed_in_a_block():
    crowded = _problem(
        placements=(
            Placement("P1", "S1", "acute", (1, 3)),
            Placement("P2", "S2", "adult_social_care", (1, 3)),
            Placement("P3", "S3", "community", (3, 3)),
        ),
        apprentices=tuple(
            Apprentice(f"A{i}", ("P1",), latitude=53.8, longitude=-1.55, max_travel_km=3)
            for i in (1, 2, 3)
        ),
    )
    assert _reasons(crowded) == [
        "In block 1, 3 apprentices can reach only placements with room for 2 of them"
        " (places, supervisors and travel limits together): A1, A2, A3"
    ]


def test_it_names_overrides_that_break_a_rule():
    far = Apprentice("A1", ("P1",), latitude=53.8, longitude=-1.55, max_travel_km=5)
    problem = _problem(
        apprentices=(far, Apprentice("A2"), Apprentice("A3")),
        placements=(
            Placement("P1", "S1", "acute", (1, 0), "Ward"),
            Placement("P2", "S2", "adult_social_care", (3, 3), "Care team"),
            Placement("P3", "S3", "community", (3, 3), "District team"),
            Placement("P4", "S1", "vcse", (3, 3), "Hub"),
        ),
        overrides=(
            Override("A1", 1, "P3", "Wants community nursing"),
            Override("A2", 1, "P1", "Cover"),
            Override("A3", 1, "P1", "Cover"),
            Override("A2", 2, "P1", "Cover"),
            Override("A3", 2, "P4", "Cover"),
        ),
    )
    assert _reasons(problem) == [
        "The override for apprentice A1 in block 1 names District team (P3), 11.1 km from home,"
        " beyond the 5 km travel limit",
        "The override for apprentice A2 in block 2 names Ward (P1), which has no places in block 2",
        "The override for apprentice A2 in block 2 puts them at Site 1 (S1) again (also in"
        " block 1); no site may be repeated",
        "The override for apprentice A3 in block 2 puts them at Site 1 (S1) again (also in"
        " block 1); no site may be repeated",
        "Overrides put 2 apprentices at Ward (P1) in block 1, which has 1 place",
    ]


def test_it_says_plainly_when_only_the_solver_could_prove_there_is_no_plan():
    problem = Problem(
        blocks=("Autumn", "Spring"),
        sites=(Site("X", "O1"), Site("Y", "O1", supervisors=(1, 0))),
        placements=(
            Placement("H1", "X", "acute", (1, 1)),
            Placement("S1", "X", "adult_social_care", (1, 1)),
            Placement("H2", "Y", "community", (1, 1)),
        ),
        apprentices=(Apprentice("A1", ("H1",)), Apprentice("A2", ("H2",))),
    )
    assert rotations.diagnose(problem) == []
    result = rotations.allocate_plan(problem, time_limit=10)
    assert result.status == "INFEASIBLE"
    assert result.problems == (plan_module.SOLVER_PROVED_INFEASIBLE,)
    assert result.problems[0].startswith("No plan meets every rule at once.")


# --- explanations ---------------------------------------------------------------------------


def test_it_explains_choices_used_in_other_blocks_and_the_setting_mix():
    problem = _problem(
        placements=(
            Placement("P1", "S1", "acute", (3, 3), "Ward"),
            Placement("P2", "S3", "community", (3, 3), "District team"),
            Placement("P3", "S2", "vcse", (3, 3), "Hub"),
        ),
        apprentices=(Apprentice("A1", ("P1", "P2", "P3")),),
    )
    result = rotations.allocate_plan(problem, time_limit=10)
    assert result.status == "OPTIMAL"
    texts = {e.block: e.text for e in result.explanations}
    first_block = next(b for b in (1, 2) if result.assignment["A1", b] == "P1")
    other = 3 - first_block
    assert texts[first_block] == "Your 1st choice: Ward (P1)."
    assert texts[other] == (
        f"Your 3rd choice: Hub (P3). Your 1st choice, Ward (P1), is your placement in block"
        f" {first_block}. Your 2nd choice, District team (P2), would have left you without a"
        " social care or VCSE placement."
    )


def test_it_explains_full_placements_and_blocks_without_places():
    problem = _problem(
        placements=(
            Placement("P1", "S1", "acute", (1, 0), "Ward"),
            Placement("P2", "S2", "vcse", (3, 3), "Hub"),
            Placement("P3", "S3", "primary_care", (3, 3), "Surgery"),
        ),
        apprentices=(
            Apprentice("A1", ("P1", "P2", "P3")),
            Apprentice("A2", ("P1", "P2", "P3")),
        ),
    )
    result = rotations.allocate_plan(problem, time_limit=10)
    loser = next(a for a in ("A1", "A2") if "P1" not in {result.assignment[a, 1]})
    by_block = {e.block: e for e in result.explanations if e.apprentice == loser}
    assert by_block[1].passed_over[0].text == (
        "Your 1st choice, Ward (P1), was full: its 1 place(s) in block 1 went to others."
    )
    assert by_block[2].passed_over[0].text == (
        "Your 1st choice, Ward (P1), has no places in block 2."
    )


def test_it_explains_the_example_plan():
    problem = rotations.read_problem(EXAMPLE)
    result = rotations.allocate_plan(problem, time_limit=30)
    assert result.status == "OPTIMAL"
    texts = {(e.apprentice, e.block): e.text for e in result.explanations}
    assert texts["A5", 2] == (
        "Your 1st choice: General practice (CSS-GP). Set by the coordinator: Needs general"
        " practice experience before the end-point assessment."
    )
    assert any("beyond your 6 km travel limit" in t for t in texts.values())
    assert all(t.startswith(("Your ", "A placement you did not rank")) for t in texts.values())


# --- overrides and checking a plan ----------------------------------------------------------


def test_check_plan_names_every_broken_rule_in_plain_words():
    problem = _problem(
        sites=(
            Site("S1", "O1", "Site 1", 53.80, -1.55, supervisors=(1, 1)),
            Site("S2", "O1", "Site 2", 53.82, -1.55),
            Site("S3", "O1", "Site 3", 53.90, -1.55),
        ),
        apprentices=(
            Apprentice("A1", ("P1",), latitude=53.8, longitude=-1.55, max_travel_km=5),
            Apprentice("A2", ("P1",)),
            Apprentice("A3", ("P1",)),
        ),
        overrides=(Override("A3", 2, "P2", "Cover"),),
    )
    plan = {
        ("A1", 1): "P3",
        ("A1", 2): "P1",
        ("A2", 1): "P1",
        ("A2", 2): "P1",
        ("A3", 1): "P1",
    }
    messages = [v.message for v in rotations.check_plan(problem, plan)]
    assert messages == [
        "Site 1 (S1) has 2 apprentice(s) in block 1 but supervisors for 1",
        "Site 1 (S1) has 2 apprentice(s) in block 2 but supervisors for 1",
        "Apprentice A1 is placed at District team (P3) in block 1, 11.1 km from home, beyond"
        " their 5 km travel limit",
        "Apprentice A1 has no social care or VCSE placement in the plan",
        "Apprentice A2 is at Site 1 (S1) in blocks 1 and 2",
        "Apprentice A2 has no social care or VCSE placement in the plan",
        "Apprentice A3 has no placement in block 2",
        "Apprentice A3 should be at Care team (P2) in block 2 (coordinator's override) but the"
        " plan has no placement",
    ]
    fixed = rotations.apply_overrides(plan, problem.overrides)
    assert fixed["A3", 2] == "P2"
    assert "override" not in {v.rule for v in rotations.check_plan(problem, fixed)}


def test_check_plan_refuses_unknown_ids_and_blocks():
    problem = _problem()
    violations = rotations.check_plan(problem, {("A9", 1): "P1", ("A1", 3): "P7"})
    assert [v.message for v in violations] == [
        "apprentice A9, block 1: there is no apprentice 'A9'",
        "apprentice A1, block 3: block must be from 1 to 2",
        "apprentice A1, block 3: there is no placement 'P7'",
    ]


def test_it_refuses_limits_that_make_no_sense():
    with pytest.raises(ValueError, match="time_limit and work_limit must be above 0"):
        rotations.allocate_plan(_problem(), time_limit=0)
    with pytest.raises(ValueError, match="block must be from 1 to 2, not 3"):
        rotations.allocate_block(_problem(), 3)
