"""A programme's setting mix over the whole year (for example "at least one placement in a
community or social care setting during the programme"), planned across the blocks a student
is requested in rather than left to their last block. Pure Python, no Django.

Before a block is allocated, every student who still needs the mix is given the one block of
their year in which they should have it, by a minimum-cost maximum flow (OR-Tools): from each
student to each offer in a setting their programme needs that is within their reach in each of
their remaining blocks (the same options the block's allocation uses), cost the offer's place on
their nearest-first list, capacity one; from each offer to the sink, its places (no more than its
environment's supervisors can take). The flow places as many students as the year's places in
those settings allow, each as near home as it can. A student given the block being allocated has
those settings listed first (``Student.prefers_settings``): the allocation steers them there
without refusing them a place when it cannot. In a student's last block the setting stays a hard
rule, as before. A student no flow reaches is reported with the reason: no such place within
their journey in any of their blocks, or those places are all wanted by others.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.graph.python import min_cost_flow

from .engine import BlockInput, BlockResult, allocate, options

NO_SETTING_IN_REACH = "no_setting_in_reach"
SETTING_FULL = "setting_full"
REASONS = {
    NO_SETTING_IN_REACH: "no placement in the settings the programme needs is within the"
    " student's journey in any of their blocks",
    SETTING_FULL: "the places in the settings the programme needs were all needed by other"
    " students in the blocks the student is requested in",
}


@dataclass(frozen=True)
class MixNeed:
    """A student who has not yet had a setting their programme needs (any of ``settings``)."""

    student: str
    settings: tuple[str, ...]


@dataclass
class YearPlan:
    given: dict[str, int]  # student id -> index of the block (in the year given) to have it in
    unmet: dict[str, str]  # student id -> why their programme's mix cannot be met this year


def plan(year: Sequence[BlockInput], needs: Sequence[MixNeed]) -> YearPlan:
    """Which of the year's blocks (``year[0]`` is the block being allocated, then the later
    ones each student is requested in) each student in ``needs`` should have their setting in;
    see the module."""
    settings = {n.student: n.settings for n in needs}
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, 1
    nodes: dict[tuple[str, ...], int] = {}

    def node(*key: str) -> int:
        return nodes.setdefault(key, len(nodes) + 2)

    arcs: list[tuple[int, str, int]] = []  # (arc, student, block index)
    reachable: set[str] = set()
    for b, data in enumerate(year):
        people = tuple(
            dataclasses.replace(
                s, needs_settings=settings[s.id], prefers_settings=(), fixed_offer=None
            )
            for s in data.students
            if s.id in settings
        )
        if not people:
            continue
        reach = options(dataclasses.replace(data, students=people))
        supervision = {e.id: e.supervision for e in data.environments}
        for offer in data.offers:
            limit = supervision.get(offer.environment)
            places = offer.places if limit is None else min(offer.places, limit)
            flow.add_arc_with_capacity_and_unit_cost(node("o", str(b), offer.id), sink, places, 0)
        for student in people:
            for rank, (_, offer_id) in enumerate(reach[student.id], start=1):
                reachable.add(student.id)
                arc = flow.add_arc_with_capacity_and_unit_cost(
                    node("s", student.id), node("o", str(b), offer_id), 1, rank
                )
                arcs.append((arc, student.id, b))
    for student in sorted(reachable):
        flow.add_arc_with_capacity_and_unit_cost(source, node("s", student), 1, 0)
    given: dict[str, int] = {}
    if arcs:
        flow.set_node_supply(source, len(reachable))
        flow.set_node_supply(sink, -len(reachable))
        flow.solve_max_flow_with_min_cost()
        given = {student: b for arc, student, b in arcs if flow.flow(arc) > 0}
    unmet = {
        n.student: SETTING_FULL if n.student in reachable else NO_SETTING_IN_REACH
        for n in needs
        if n.student not in given
    }
    return YearPlan(given, unmet)


def steer(data: BlockInput, year_plan: YearPlan, needs: Sequence[MixNeed]) -> BlockInput:
    """The block with the settings listed first for each student the plan gives them to now."""
    now = {n.student: n.settings for n in needs if year_plan.given.get(n.student) == 0}
    if not now:
        return data
    return dataclasses.replace(
        data,
        students=tuple(
            dataclasses.replace(s, prefers_settings=now[s.id]) if s.id in now else s
            for s in data.students
        ),
    )


@dataclass
class YearResult:
    blocks: list[BlockResult]
    inputs: list[BlockInput]  # each block as allocated (carried from earlier blocks, steered)
    seconds: list[float]  # each block's plan and allocation
    had: dict[str, set[str]]  # student id -> settings of their placements in the year
    unmet: dict[str, str]  # student id -> why their programme's mix was not met


def allocate_year(
    year: Sequence[BlockInput],
    required: dict[str, tuple[str, ...]],
    *,
    time_limit: float = 20.0,
    work_limit: float | None = None,
) -> YearResult:
    """The year's blocks allocated in turn as the web app does when every student is requested
    in every block (the benchmark and the tests): before each block the year's plan over it and
    the later blocks; in the last block the programme's settings are required of everyone who
    has not had one. ``required`` maps a student to the settings their programme needs."""
    had: dict[str, set[str]] = defaultdict(set)
    been: dict[str, set[str]] = defaultdict(set)
    results, inputs, seconds, unmet = [], [], [], {}
    last = len(year) - 1
    for b, data in enumerate(year):
        began = time.perf_counter()
        setting = {e.id: e.setting for e in data.environments}
        needs = [
            MixNeed(s.id, required[s.id])
            for s in data.students
            if required.get(s.id) and not had[s.id] & set(required[s.id])
        ]
        carried = tuple(
            dataclasses.replace(
                s,
                needs_settings=tuple(required[s.id])
                if b == last and any(n.student == s.id for n in needs)
                else s.needs_settings,
                been_at=tuple(sorted(set(s.been_at) | been[s.id])),
            )
            for s in data.students
        )
        now = dataclasses.replace(data, students=carried)
        found = plan([now, *year[b + 1 :]], needs)
        if b == 0 or b == last:
            unmet.update(found.unmet)
        inputs.append(steer(now, found, needs))
        result = allocate(inputs[-1], time_limit=time_limit, work_limit=work_limit)
        seconds.append(time.perf_counter() - began)
        for placed in result.placed:
            had[placed.student].add(setting[placed.environment])
            been[placed.student].add(placed.environment)
        results.append(result)
    for sid, settings in required.items():
        if settings and not had[sid] & set(settings):
            unmet.setdefault(sid, SETTING_FULL)
        elif sid in unmet:
            del unmet[sid]
    return YearResult(results, inputs, seconds, dict(had), unmet)
