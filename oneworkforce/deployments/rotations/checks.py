"""Checking a finished plan, coordinators' overrides applied, against every hard rule."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from .explain import km_text, placement_name, site_name
from .model import Override, Problem
from .result import Assignment, Violation


def apply_overrides(
    assignment: Assignment, overrides: Iterable[Override]
) -> dict[tuple[str, int], str]:
    """A copy of ``assignment`` with each override's placement in its apprentice's block."""
    changed = dict(assignment)
    for override in overrides:
        changed[override.apprentice, override.block] = override.placement
    return changed


def _unknown(problem: Problem, assignment: Assignment) -> list[Violation]:
    found = []
    for (apprentice, block), placement in assignment.items():
        where = f"apprentice {apprentice}, block {block}"
        if apprentice not in problem.apprentice:
            found.append(Violation("unknown", f"{where}: there is no apprentice {apprentice!r}"))
        if not isinstance(block, int) or block not in problem.block_numbers:
            found.append(
                Violation("unknown", f"{where}: block must be from 1 to {len(problem.blocks)}")
            )
        if placement not in problem.placement:
            found.append(Violation("unknown", f"{where}: there is no placement {placement!r}"))
    return found


def _capacity(problem: Problem, assignment: Assignment) -> list[Violation]:
    found = []
    placed: Counter[tuple[str, int]] = Counter()
    supervised: Counter[tuple[str, int]] = Counter()
    for (_, block), placement in assignment.items():
        placed[placement, block] += 1
        supervised[problem.placement[placement].site, block] += 1
    for (placement, block), count in sorted(placed.items()):
        places = problem.places(placement, block)
        if count > places:
            found.append(
                Violation(
                    "capacity",
                    f"{placement_name(problem, placement)} has {count} apprentice(s) in block"
                    f" {block} but {places} place(s)",
                    block=block,
                    placement=placement,
                )
            )
    for (site, block), count in sorted(supervised.items()):
        limit = problem.supervisors(site, block)
        if limit is not None and count > limit:
            found.append(
                Violation(
                    "supervisors",
                    f"{site_name(problem, site)} has {count} apprentice(s) in block {block} but"
                    f" supervisors for {limit}",
                    block=block,
                )
            )
    return found


def _per_apprentice(
    problem: Problem, assignment: Assignment, blocks: Sequence[int], complete: bool
) -> list[Violation]:
    found = []
    plans: dict[str, dict[int, str]] = defaultdict(dict)
    for (who_id, block_number), given in assignment.items():
        plans[who_id][block_number] = given
    for apprentice in problem.apprentices:
        plan = plans.get(apprentice.id, {})
        who = f"Apprentice {apprentice.id}"
        if complete:
            found += [
                Violation("unplaced", f"{who} has no placement in block {b}", apprentice.id, b)
                for b in blocks
                if b not in plan
            ]
        for block, placement in sorted(plan.items()):
            if not problem.is_eligible(apprentice.id, placement):
                found.append(
                    Violation(
                        "eligibility",
                        f"{who} is placed at {placement_name(problem, placement)} in block"
                        f" {block}, which is not one they may take",
                        apprentice.id,
                        block,
                        placement,
                    )
                )
            if not problem.within_travel(apprentice.id, placement):
                distance = problem.distance_km(apprentice.id, placement) or 0.0
                found.append(
                    Violation(
                        "travel",
                        f"{who} is placed at {placement_name(problem, placement)} in block {block},"
                        f" {km_text(distance)} km from home, beyond their"
                        f" {km_text(apprentice.max_travel_km or 0.0)} km travel limit",
                        apprentice.id,
                        block,
                        placement,
                    )
                )
        by_site: dict[str, list[int]] = defaultdict(list)
        for block, placement in sorted(plan.items()):
            by_site[problem.placement[placement].site].append(block)
        for site, site_blocks in by_site.items():
            if len(site_blocks) > 1:
                listed = " and ".join(str(b) for b in site_blocks)
                found.append(
                    Violation(
                        "same_site",
                        f"{who} is at {site_name(problem, site)} in blocks {listed}",
                        apprentice.id,
                    )
                )
        if len(problem.blocks) >= 2 and len(plan) == len(problem.blocks):
            placements = [problem.placement[p] for p in plan.values()]
            for lacking, present in (
                ("health", any(p.is_health for p in placements)),
                ("social care or VCSE", any(p.is_social_care_or_vcse for p in placements)),
            ):
                if not present:
                    found.append(
                        Violation(
                            "setting_mix",
                            f"{who} has no {lacking} placement in the plan",
                            apprentice.id,
                        )
                    )
    return found


def _overrides(problem: Problem, assignment: Assignment, blocks: Sequence[int]) -> list[Violation]:
    found = []
    for override in problem.overrides:
        if override.block not in blocks:
            continue
        given = assignment.get((override.apprentice, override.block))
        if given != override.placement:
            found.append(
                Violation(
                    "override",
                    f"Apprentice {override.apprentice} should be at"
                    f" {placement_name(problem, override.placement)} in block {override.block}"
                    f" (coordinator's override) but the plan has {given or 'no placement'}",
                    override.apprentice,
                    override.block,
                    override.placement,
                )
            )
    return found


def check_plan(
    problem: Problem,
    assignment: Assignment,
    *,
    blocks: Sequence[int] | None = None,
    complete: bool = True,
) -> list[Violation]:
    """Every hard rule ``assignment`` breaks, in plain words (an empty list if none).

    Rules: known ids and blocks; a placement for everyone in each of ``blocks`` (default all;
    skipped when ``complete`` is false); places per placement and block; supervisors per site
    and block; eligibility and travel limits; no site twice for one apprentice; at least one
    health and one social care or VCSE placement for each apprentice whose plan has every
    block (plans of two or more blocks); coordinators' overrides kept.
    """
    wanted = tuple(blocks) if blocks is not None else tuple(problem.block_numbers)
    found = _unknown(problem, assignment)
    if found:
        return found
    return (
        _capacity(problem, assignment)
        + _per_apprentice(problem, assignment, wanted, complete)
        + _overrides(problem, assignment, wanted)
    )
