"""Rotation engine: a CP-SAT plan for 1,000 apprentices; one block of 10,000 against matching.

A whole plan by CP-SAT for 1,000 apprentices, and one block of 10,000 by deferred acceptance
against the matching package.

Targets: 1,000 apprentices, 100 sites, 4 blocks: a plan that keeps every rule within 60 s on
two cores (status, objective, bound and gap printed; the plan is re-checked by check_plan).
One block of 10,000 apprentices by deferred acceptance in under 1 s.

Peer: matching 1.4.3 (a test and benchmark dependency only), HospitalResident solved
resident-optimal on the same block. The two allocations are checked equal before any time is
printed. matching copies its players recursively, so it runs in a thread with a large stack
and a raised recursion limit (it fails with a RecursionError otherwise at this size).
Instances are generated from fixed seeds (see rotations_fixtures.random_problem).
"""

from __future__ import annotations

import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import TypeVar

from bench.harness import measure, ratio
from oneworkforce.deployments import rotations
from oneworkforce.deployments.tests.rotations_fixtures import random_problem, site_order

T = TypeVar("T")
NAME = "rotations"
PLAN_SECONDS = 55.0  # the search; building the explanations comes after


def setup() -> None:
    pass


def _plan() -> Iterator[str]:
    problem = random_problem(1, apprentices=1000, sites=100, blocks=4)
    started = time.perf_counter()
    result = rotations.allocate_plan(problem, time_limit=PLAN_SECONDS, workers=1)
    seconds = time.perf_counter() - started
    assert result.succeeded, result.status
    assert rotations.check_plan(problem, result.assignment) == []
    assert result.objective is not None and result.best_bound is not None
    gap = result.gap or (0.0, 0.0)
    counts = rotations.choice_summary(problem, result)
    yield (
        f"  plan: 1,000 apprentices, 100 sites, {len(problem.placements)} placements, 4 blocks,"
        f" seed 1 (one CP-SAT worker)"
    )
    yield (
        f"  {result.status} in {seconds:.1f} s with explanations (stopped by {result.stopped_by});"
        " check_plan: no rule broken"
    )
    yield (
        f"  worst-off apprentice's cost {result.objective.worst} (bound {result.best_bound.worst},"
        f" gap {gap[0]:.1%}); total {result.objective.total:,}"
        f" (bound {result.best_bound.total:,}, gap {gap[1]:.1%})"
    )
    yield (
        f"  choices over 4,000 placements: 1st {counts.get('1', 0):,}, 2nd {counts.get('2', 0):,},"
        f" 3rd {counts.get('3', 0):,}, not ranked {counts['unranked']:,}"
    )


def _deep(action: Callable[[], T]) -> T:
    """``action()`` in a thread with a 512 MB stack and a raised recursion limit."""
    found: list[T] = []
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(512 * 1024 * 1024)
    try:
        thread = threading.Thread(target=lambda: found.append(action()))
        thread.start()
        thread.join()
    finally:
        threading.stack_size(0)
        sys.setrecursionlimit(limit)
    if not found:
        raise RuntimeError("the matching package failed; see the thread's error above")
    return found[0]


def _peer(problem: rotations.Problem) -> dict[tuple[str, int], str]:
    """The matching package's resident-optimal allocation of block 1 (one placement per site,
    so a supervisor limit is a tighter capacity)."""
    from matching.games import HospitalResident

    capacity = {}
    for p in problem.placements:
        limit = problem.supervisors(p.site, 1)
        capacity[p.id] = p.places[0] if limit is None else min(p.places[0], limit)
    residents = {}
    for a in problem.apprentices:
        wanted = [p for p in a.preferences if capacity[p] > 0 and problem.within_travel(a.id, p)]
        if wanted:
            residents[a.id] = wanted
    applicants: dict[str, set[str]] = {p.id: set() for p in problem.placements}
    for a, wanted in residents.items():
        for p in wanted:
            applicants[p].add(a)
    hospitals = {
        p.id: [a for a in site_order(problem, p.site) if a in applicants[p.id]]
        for p in problem.placements
        if capacity[p.id] > 0
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            residents, hospitals, {h: capacity[h] for h in hospitals}
        )
        matching = game.solve(optimal="resident")
    return {(r.name, 1): h.name for h, held in matching.items() for r in held}


def _block() -> Iterator[str]:
    problem = random_problem(11, apprentices=10_000, sites=500, blocks=1, ranked=10)
    ours = rotations.allocate_block(problem, 1, explained=False)
    theirs = _deep(lambda: _peer(problem))
    assert ours.assignment == theirs, "deferred acceptance differs from the matching package"
    yield (
        f"  block: 10,000 apprentices, 500 placements, 10 choices each; placed"
        f" {len(ours.assignment):,}, same allocation as matching's HospitalResident"
    )
    mine = measure(
        "deferred acceptance (allocation only)",
        lambda: rotations.allocate_block(problem, 1, explained=False),
        runs=7,
        warmup=1,
    )
    explained = measure(
        "deferred acceptance with explanations",
        lambda: rotations.allocate_block(problem, 1),
        runs=5,
        warmup=1,
    )
    peer = measure(
        "matching 1.4.3 HospitalResident",
        lambda: _deep(lambda: _peer(problem)),
        runs=3,
        warmup=0,
    )
    yield mine.row()
    yield explained.row()
    yield peer.row()
    yield ratio("matching / ours (allocation only)", peer, mine)


def run() -> Iterator[str]:
    yield from _plan()
    yield from _block()
