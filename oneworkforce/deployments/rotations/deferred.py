"""One block by apprentice-proposing deferred acceptance (Gale and Shapley; Roth's
hospitals/residents form): the stable allocation every apprentice likes at least as well as any
other stable allocation.

Apprentices propose to the placements they ranked, in order, skipping placements beyond their
travel limit or with no places in the block. A placement holds the apprentices its site ranks
highest up to its places; a site with a supervisor limit also holds no more than that across
its placements, again keeping those it ranks highest (a site's choice goes down its order and
takes each apprentice while their placement and the site both have room, which keeps deferred
acceptance stable and apprentice-optimal). Apprentices who are turned down propose to their next
choice. Coordinators' overrides for the block are placed first and use up places; a site an
override gives the apprentice in another block is skipped (no site twice).

The proposal loop works on integer lists and heaps; no objects are made per proposal.
"""

from __future__ import annotations

import time
from heapq import heappop, heappush, heapreplace

from .explain import explain, unranked_cost
from .model import Problem
from .priority import Priorities
from .result import BLOCK_STATUS, Allocation, Costs


class _Market:
    """One block as integer lists: placements 0..P-1, apprentices 0..A-1."""

    def __init__(self, problem: Problem, block: int, priorities: Priorities) -> None:
        placements = problem.placements
        index = {p.id: i for i, p in enumerate(placements)}
        self.ids = [p.id for p in placements]
        self.capacity = [p.places[block - 1] for p in placements]
        site_limit = {s.id: problem.supervisors(s.id, block) for s in problem.sites}
        self.pinned: dict[str, str] = {}
        for override in problem.overrides:
            if override.block == block:
                self.pinned[override.apprentice] = override.placement
                self.capacity[index[override.placement]] -= 1
                site = problem.placement[override.placement].site
                limit = site_limit[site]
                if limit is not None:
                    site_limit[site] = limit - 1
        self.capacity = [max(0, c) for c in self.capacity]
        self.rank = [priorities.by_index(p.site) for p in placements]
        self.site_of = [-1] * len(placements)  # index of a limiting site, or -1
        self.site_capacity: list[int] = []
        for site, here in problem.placements_at.items():
            limit = site_limit[site]
            room = sum(self.capacity[index[p.id]] for p in here)
            if limit is None or limit >= room:
                continue
            if len(here) == 1:
                self.capacity[index[here[0].id]] = max(0, limit)
                continue
            for p in here:
                self.site_of[index[p.id]] = len(self.site_capacity)
            self.site_capacity.append(max(0, limit))
        elsewhere: dict[str, set[str]] = {}  # sites overrides give apprentices in other blocks
        for override in problem.overrides:
            if override.block != block:
                site = problem.placement[override.placement].site
                elsewhere.setdefault(override.apprentice, set()).add(site)
        self.options: list[list[int]] = [
            []
            if a.id in self.pinned
            else [
                index[p]
                for p in a.preferences
                if self.capacity[index[p]] > 0
                and problem.can_take(a.id, p)
                and problem.placement[p].site not in elsewhere.get(a.id, ())
            ]
            for a in problem.apprentices
        ]


class _SharedSupervisors:
    """Placements at sites whose supervisor limit binds across several placements. Heaps drop
    stale entries lazily: an entry is stale once its apprentice no longer holds that
    placement."""

    def __init__(self, market: _Market, match: list[int], free: list[int]) -> None:
        self.capacity = market.capacity
        self.site_capacity = market.site_capacity
        self.filled = [0] * len(market.capacity)
        self.site_filled = [0] * len(market.site_capacity)
        self.site_held: list[list[tuple[int, int, int]]] = [[] for _ in market.site_capacity]
        self.match = match
        self.free = free

    def offer(self, a: int, p: int, s: int, key: int, heap: list[tuple[int, int]]) -> bool:
        """Whether site ``s`` holds apprentice ``a`` (site key ``key``) at placement ``p``: it
        goes down its order taking each apprentice while their placement and it have room."""
        match, filled = self.match, self.filled
        while heap and match[heap[0][1]] != p:
            heappop(heap)
        site_heap = self.site_held[s]
        if filled[p] >= self.capacity[p]:
            if self.capacity[p] == 0 or heap[0][0] > key:
                return False
            out = heappop(heap)[1]  # the placement's last; the site's count is unchanged
        else:
            while site_heap and match[site_heap[0][1]] != site_heap[0][2]:
                heappop(site_heap)
            if self.site_filled[s] >= self.site_capacity[s]:
                if self.site_capacity[s] == 0 or site_heap[0][0] > key:
                    return False
                _, out, q = heappop(site_heap)  # the site's last, from whichever placement
                filled[q] -= 1
            else:
                out = -1
                self.site_filled[s] += 1
            filled[p] += 1
        if out >= 0:
            match[out] = -1
            self.free.append(out)
        heappush(heap, (key, a))
        heappush(site_heap, (key, a, p))
        match[a] = p
        return True


def _propose(market: _Market) -> list[int]:
    """Deferred acceptance; the placement index each apprentice holds at the end, or -1."""
    options, capacity, rank, site_of = market.options, market.capacity, market.rank, market.site_of
    count = len(options)
    match = [-1] * count
    following = [0] * count
    held: list[list[tuple[int, int]]] = [[] for _ in capacity]  # (-rank, apprentice)
    free = list(range(count - 1, -1, -1))
    shared = _SharedSupervisors(market, match, free)
    while free:
        a = free.pop()
        mine = options[a]
        i = following[a]
        while i < len(mine):
            p = mine[i]
            i += 1
            key = -rank[p][a]
            heap = held[p]
            s = site_of[p]
            if s >= 0:
                if shared.offer(a, p, s, key, heap):
                    break
                continue
            if len(heap) < capacity[p]:
                heappush(heap, (key, a))
                match[a] = p
                break
            if heap and heap[0][0] < key:
                out = heapreplace(heap, (key, a))[1]
                match[a] = p
                match[out] = -1
                free.append(out)
                break
        following[a] = i
    return match


def allocate_block(problem: Problem, block: int, *, explained: bool = True) -> Allocation:
    """The apprentice-optimal stable allocation of one block (numbered from 1)."""
    if not 1 <= block <= len(problem.blocks):
        raise ValueError(f"block must be from 1 to {len(problem.blocks)}, not {block}")
    started = time.perf_counter()
    priorities = Priorities(problem)
    market = _Market(problem, block, priorities)
    match = _propose(market)
    assignment = {
        (a.id, block): market.ids[p]
        for a, p in zip(problem.apprentices, match, strict=True)
        if p >= 0
    }
    assignment.update({(a, block): p for a, p in market.pinned.items()})
    cost = unranked_cost(problem)
    costs = [
        problem.choice(a.id, assignment[a.id, block]) or cost
        if (a.id, block) in assignment
        else cost
        for a in problem.apprentices
    ]
    return Allocation(
        method="block",
        blocks=(block,),
        seed=problem.seed,
        status=BLOCK_STATUS,
        assignment=dict(sorted(assignment.items())),
        unranked_cost=cost,
        objective=Costs(worst=max(costs, default=0), total=sum(costs)),
        seconds=time.perf_counter() - started,
        explanations=explain(
            problem, assignment, blocks=(block,), method="block", priorities=priorities
        )
        if explained
        else (),
    )
