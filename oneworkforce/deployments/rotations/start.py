"""A quick first plan for CP-SAT to start from: one minimum-cost flow per block, in order.

Block by block, each apprentice is sent to a placement they can reach that still has room and
supervisors, at a site they have not been to, with a setting of the kind they still lack when
the blocks left leave no other way to get both kinds. The cost of sending an apprentice to a
placement is how much it raises the cube of their running cost, so the flow spreads good
choices fairly. It can leave someone without a placement in a late block; CP-SAT then repairs
the plan. Overrides are placed first.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow  # type: ignore[import-untyped]

from .model import Problem

UNPLACED = 10**12  # cost of leaving an apprentice without a placement in a block


class _Arcs:
    """A flow network's arcs, gathered in lists for OR-Tools' array call."""

    def __init__(self) -> None:
        self.tails: list[int] = []
        self.heads: list[int] = []
        self.capacities: list[int] = []
        self.costs: list[int] = []

    def add(self, tail: int, head: int, capacity: int, cost: int) -> None:
        self.tails.append(tail)
        self.heads.append(head)
        self.capacities.append(capacity)
        self.costs.append(cost)

    def min_cost_flow(self, nodes: int, supplies: np.ndarray) -> list[int] | None:
        """The flow on each arc, or ``None`` if OR-Tools finds none."""
        flow = min_cost_flow.SimpleMinCostFlow()
        arcs = flow.add_arcs_with_capacity_and_unit_cost(
            np.array(self.tails, dtype=np.int32),
            np.array(self.heads, dtype=np.int32),
            np.array(self.capacities, dtype=np.int64),
            np.array(self.costs, dtype=np.int64),
        )
        flow.set_nodes_supplies(np.arange(nodes, dtype=np.int32), supplies)
        if flow.solve() != flow.OPTIMAL:
            return None
        return [int(f) for f in flow.flows(arcs)]


def _kinds_needed(problem: Problem, health: bool, social: bool, block: int) -> set[bool] | None:
    """The kinds (True: health) allowed now, or ``None`` for any."""
    if len(problem.blocks) < 2:
        return None
    missing = {kind for kind, have in ((True, health), (False, social)) if not have}
    left = len(problem.blocks) - block + 1
    return missing if missing and len(missing) >= left else None


def first_plan(problem: Problem, costs: list[dict[str, int]]) -> dict[tuple[int, int], str]:
    """(apprentice index, block) -> placement id; ``costs[i]`` maps each placement apprentice
    ``i`` can reach to its cost."""
    people = problem.apprentices
    placements = problem.placements
    index = {p.id: j for j, p in enumerate(placements)}
    site_index = {s.id: k for k, s in enumerate(problem.sites)}
    running = [0] * len(people)
    sites_used: list[set[str]] = [set() for _ in people]
    health = [False] * len(people)
    social = [False] * len(people)
    plan: dict[tuple[int, int], str] = {}

    def place(i: int, block: int, placement: str) -> None:
        chosen = problem.placement[placement]
        plan[i, block] = placement
        running[i] += costs[i].get(placement, 0)
        sites_used[i].add(chosen.site)
        health[i] = health[i] or chosen.is_health
        social[i] = social[i] or chosen.is_social_care_or_vcse

    for block in problem.block_numbers:
        n = len(people)
        p0 = n
        s0 = p0 + len(placements)
        sink = s0 + len(problem.sites)
        arcs = _Arcs()
        for i, apprentice in enumerate(people):
            override = problem.override_for(apprentice.id, block)
            allowed = _kinds_needed(problem, health[i], social[i], block)
            for placement, cost in costs[i].items():
                chosen = problem.placement[placement]
                if override is not None and placement != override.placement:
                    continue
                if chosen.places[block - 1] == 0 or chosen.site in sites_used[i]:
                    continue
                if allowed is not None and chosen.is_health not in allowed:
                    continue
                step = (running[i] + cost) ** 3 - running[i] ** 3
                arcs.add(i, p0 + index[placement], 1, -UNPLACED if override else step)
            arcs.add(i, sink, 1, UNPLACED)
        for j, offer in enumerate(placements):
            arcs.add(p0 + j, s0 + site_index[offer.site], offer.places[block - 1], 0)
        for k, site in enumerate(problem.sites):
            limit = problem.supervisors(site.id, block)
            arcs.add(s0 + k, sink, n if limit is None else limit, 0)
        supplies = np.zeros(sink + 1, dtype=np.int64)
        supplies[:n] = 1
        supplies[sink] = -n
        used = arcs.min_cost_flow(sink + 1, supplies)
        if used is None:
            continue
        for tail, head, amount in zip(arcs.tails, arcs.heads, used, strict=True):
            if amount and tail < n and p0 <= head < s0:
                place(tail, block, placements[head - p0].id)
    return plan
