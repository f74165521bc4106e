"""Reasons a whole plan cannot be filled, found without the solver where possible.

Each check is a necessary condition, so a message here always means there is no plan:
places and supervisors in each block against the apprentices; health and social care or VCSE
places; each apprentice's reach within their travel limit (a placement in every block, enough
different sites, both kinds of setting); overrides that break a rule; and, block by block, a
maximum flow from apprentices to the placements they can reach that names a group of
apprentices who cannot all be placed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np
from ortools.graph.python import max_flow  # type: ignore[import-untyped]

from .explain import km_text, placement_name, site_name
from .model import Placement, Problem

LISTED = 10  # apprentices named per kind of problem before "and N more"


def _names(ids: list[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _places(count: int) -> str:
    return f"{count} place" if count == 1 else f"{count} places"


def _apprentices(count: int) -> str:
    return f"{count} apprentice" if count == 1 else f"{count} apprentices"


def _blocks_problems(problem: Problem) -> list[str]:
    found = []
    people = len(problem.apprentices)
    for block in problem.block_numbers:
        places = sum(p.places[block - 1] for p in problem.placements)
        if places < people:
            found.append(f"Block {block} has {_places(places)} for {_apprentices(people)}")
            continue
        supervised = 0
        for site in problem.sites:
            here = sum(p.places[block - 1] for p in problem.placements_at[site.id])
            limit = problem.supervisors(site.id, block)
            supervised += here if limit is None else min(here, limit)
        if supervised < people:
            found.append(
                f"Block {block} has {_places(places)}, but the sites' supervisors can take only"
                f" {supervised} of the {_apprentices(people)}"
            )
    return found


def _mix_problems(problem: Problem) -> list[str]:
    if len(problem.blocks) < 2:
        return []
    found = []
    people = len(problem.apprentices)
    kinds: tuple[tuple[str, Callable[[Placement], bool]], ...] = (
        ("health", lambda p: p.is_health),
        ("social care or VCSE", lambda p: p.is_social_care_or_vcse),
    )
    for kind, test in kinds:
        total = sum(sum(p.places) for p in problem.placements if test(p))
        if total == 0:
            found.append(f"No {kind} placement in any block")
        elif total < people:
            found.append(
                f"There are {_places(total)} in {kind} settings across all blocks for"
                f" {_apprentices(people)}, who each need one"
            )
    return found


def _reach_problems(problem: Problem) -> list[str]:
    by_kind: dict[str, list[str]] = {}
    blocks = len(problem.blocks)

    def add(kind: str, message: str) -> None:
        by_kind.setdefault(kind, []).append(message)

    for apprentice in problem.apprentices:
        if apprentice.max_travel_km is None:
            continue
        within = f"within {km_text(apprentice.max_travel_km)} km"
        reach = [p for p in problem.reachable(apprentice.id) if any(p.places)]
        who = f"Apprentice {apprentice.id}"
        for block in problem.block_numbers:
            if not any(p.places[block - 1] for p in reach):
                add("block", f"{who} can reach no placement {within} in block {block}")
        sites = {p.site for p in reach}
        if len(sites) < blocks:
            add(
                "sites",
                f"{who} can reach only {len(sites)} site(s) {within}, but the plan has"
                f" {blocks} blocks and no site may be repeated",
            )
        if blocks >= 2:
            if not any(p.is_health for p in reach):
                add("health", f"{who} can reach no health placement {within} in any block")
            if not any(p.is_social_care_or_vcse for p in reach):
                add(
                    "social",
                    f"{who} can reach no social care or VCSE placement {within} in any block",
                )
    found = []
    for messages in by_kind.values():
        found += messages[:LISTED]
        if len(messages) > LISTED:
            found.append(f"... and {len(messages) - LISTED} more like this")
    return found


def _override_problems(problem: Problem) -> list[str]:
    found = []
    placed: Counter[tuple[str, int]] = Counter()
    supervised: Counter[tuple[str, int]] = Counter()
    sites_used: dict[str, list[int]] = {}
    for o in problem.overrides:
        what = f"The override for apprentice {o.apprentice} in block {o.block}"
        name = placement_name(problem, o.placement)
        site = problem.placement[o.placement].site
        placed[o.placement, o.block] += 1
        supervised[site, o.block] += 1
        if problem.places(o.placement, o.block) == 0:
            found.append(f"{what} names {name}, which has no places in block {o.block}")
        if not problem.is_eligible(o.apprentice, o.placement):
            found.append(f"{what} names {name}, which is not one the apprentice may take")
        if not problem.within_travel(o.apprentice, o.placement):
            distance = problem.distance_km(o.apprentice, o.placement) or 0.0
            reach = problem.apprentice[o.apprentice].max_travel_km or 0.0
            found.append(
                f"{what} names {name}, {km_text(distance)} km from home, beyond the"
                f" {km_text(reach)} km travel limit"
            )
        key = f"{o.apprentice}@{site}"
        if key in sites_used:
            found.append(
                f"{what} puts them at {site_name(problem, site)} again (also in block"
                f" {sites_used[key][0]}); no site may be repeated"
            )
        sites_used.setdefault(key, []).append(o.block)
    for (placement, block), count in sorted(placed.items()):
        places = problem.places(placement, block)
        if 0 < places < count:
            found.append(
                f"Overrides put {_apprentices(count)} at {placement_name(problem, placement)} in"
                f" block {block}, which has {_places(places)}"
            )
    for (site, block), count in sorted(supervised.items()):
        limit = problem.supervisors(site, block)
        if limit is not None and count > limit:
            found.append(
                f"Overrides put {_apprentices(count)} at {site_name(problem, site)} in block"
                f" {block}, whose supervisors can take {limit}"
            )
    return found


def _flow_problem(problem: Problem, block: int) -> str | None:
    """If not everyone can be placed in ``block`` (each within reach, within places and
    supervisors), a message naming a group of apprentices who cannot all be placed."""
    placements = [p for p in problem.placements if p.places[block - 1] > 0]
    people = problem.apprentices
    a0, p0 = 1, 1 + len(people)
    s0 = p0 + len(placements)
    sink = s0 + len(problem.sites)
    site_index = {s.id: s0 + i for i, s in enumerate(problem.sites)}
    tails: list[int] = []
    heads: list[int] = []
    capacities: list[int] = []

    def arc(tail: int, head: int, capacity: int) -> None:
        tails.append(tail)
        heads.append(head)
        capacities.append(capacity)

    column = {placement.id: p0 + j for j, placement in enumerate(placements)}
    for i, apprentice in enumerate(people):
        arc(0, a0 + i, 1)
        pinned = problem.override_for(apprentice.id, block)
        if pinned is not None:
            if pinned.placement in column:
                arc(a0 + i, column[pinned.placement], 1)
            continue
        for placement in problem.reachable(apprentice.id):
            if placement.id in column:
                arc(a0 + i, column[placement.id], 1)
    for j, placement in enumerate(placements):
        arc(p0 + j, site_index[placement.site], placement.places[block - 1])
    for site in problem.sites:
        limit = problem.supervisors(site.id, block)
        arc(site_index[site.id], sink, len(people) if limit is None else limit)
    flow = max_flow.SimpleMaxFlow()
    flow.add_arcs_with_capacity(
        np.array(tails, dtype=np.int32),
        np.array(heads, dtype=np.int32),
        np.array(capacities, dtype=np.int64),
    )
    if flow.solve(0, sink) != flow.OPTIMAL or flow.optimal_flow() >= len(people):
        return None
    source_side = set(flow.get_source_side_min_cut())
    stuck = [a.id for i, a in enumerate(people) if a0 + i in source_side]
    room = flow.optimal_flow() - (len(people) - len(stuck))
    return (
        f"In block {block}, {_apprentices(len(stuck))} can reach only placements with room for"
        f" {room} of them (places, supervisors and travel limits together): {_names(stuck)}"
    )


def diagnose(problem: Problem) -> list[str]:
    """Why ``problem`` has no plan, in plain words; an empty list if no check finds a reason
    (the solver may still prove there is none)."""
    found = (
        _blocks_problems(problem)
        + _mix_problems(problem)
        + _reach_problems(problem)
        + _override_problems(problem)
    )
    if found:
        return found
    return [m for b in problem.block_numbers if (m := _flow_problem(problem, b)) is not None]
