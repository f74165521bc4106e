"""Plain-English explanations: which choice each apprentice got in each block, and why each
choice they ranked higher went elsewhere (travel limit, no places, the same site in another
block, full, supervisors fully booked, the setting mix, or a search that stopped early)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from .model import Problem
from .priority import Priorities
from .result import Assignment, Explanation, PassedOver


def unranked_cost(problem: Problem) -> int:
    """The cost of a placement an apprentice did not rank: one more than the longest list."""
    return 1 + max((len(a.preferences) for a in problem.apprentices), default=0)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def placement_name(problem: Problem, placement: str) -> str:
    name = problem.placement[placement].name
    return f"{name} ({placement})" if name else placement


def site_name(problem: Problem, site: str) -> str:
    name = problem.site[site].name
    return f"{name} ({site})" if name else site


def km_text(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


class _Usage:
    """Who holds each placement and how full each site is, block by block."""

    def __init__(self, problem: Problem, assignment: Assignment) -> None:
        self.holders: dict[tuple[str, int], list[str]] = defaultdict(list)
        self.at_site: Counter[tuple[str, int]] = Counter()
        self.plan: dict[str, dict[int, str]] = defaultdict(dict)
        for (apprentice, block), placement in assignment.items():
            self.holders[placement, block].append(apprentice)
            self.at_site[problem.placement[placement].site, block] += 1
            self.plan[apprentice][block] = placement
        for override in problem.overrides:  # blocks allocated separately still count
            self.plan[override.apprentice].setdefault(override.block, override.placement)


def _mix_gap(problem: Problem, plan: dict[int, str], block: int, instead: str) -> str | None:
    """What the apprentice's plan would lack if ``instead`` replaced their placement in
    ``block`` (``None`` if the setting mix would still hold)."""
    if len(problem.blocks) < 2:
        return None
    settings = [
        problem.placement[instead if b == block else plan.get(b, "")]
        for b in problem.block_numbers
        if b == block or b in plan
    ]
    if not any(p.is_health for p in settings):
        return "a health placement"
    if not any(p.is_social_care_or_vcse for p in settings):
        return "a social care or VCSE placement"
    return None


def _ahead(
    problem: Problem,
    priorities: Priorities,
    site: str,
    block: int,
    holders: Sequence[str],
    apprentice: str,
) -> str:
    kinds = set()
    for other in holders:
        if problem.override_for(other, block) is not None:
            kinds.add("coordinator")
        elif priorities.by_ranking(site, other, apprentice):
            kinds.add("ranking")
        else:
            kinds.add("lottery")
    if kinds == {"ranking"}:
        return "apprentices the site ranked higher"
    if kinds == {"lottery"}:
        return "apprentices drawn ahead of you in the lottery"
    if kinds == {"coordinator"}:
        return "apprentices placed there by the coordinator"
    if "coordinator" in kinds:
        return (
            "apprentices the site ranked higher, drawn ahead of you in the lottery"
            " or placed there by the coordinator"
        )
    return "apprentices the site ranked higher or drawn ahead of you in the lottery"


class _Explainer:
    def __init__(
        self,
        problem: Problem,
        assignment: Assignment,
        method: str,
        priorities: Priorities | None,
        stopped_early: bool,
    ) -> None:
        self.problem = problem
        self.usage = _Usage(problem, assignment)
        self.method = method
        self.priorities = priorities or Priorities(problem)
        self.stopped_early = stopped_early

    def why_not(self, apprentice: str, block: int, placement: str) -> tuple[str, str]:
        """(reason code, predicate) for a choice the apprentice did not get in ``block``."""
        problem = self.problem
        if not problem.is_eligible(apprentice, placement):
            return "not_eligible", "is not one you may take"
        if not problem.within_travel(apprentice, placement):
            distance = problem.distance_km(apprentice, placement) or 0.0
            limit = problem.apprentice[apprentice].max_travel_km or 0.0
            return "travel", (
                f"is {km_text(distance)} km from your home, beyond your {km_text(limit)} km"
                " travel limit"
            )
        if problem.places(placement, block) == 0:
            return "no_places", f"has no places in block {block}"
        site = problem.placement[placement].site
        plan = self.usage.plan.get(apprentice, {})
        for other_block, other in sorted(plan.items()):
            if other_block != block and problem.placement[other].site == site:
                if other == placement:
                    return "same_site", f"is your placement in block {other_block}"
                return "same_site", (
                    f"is at {site_name(problem, site)}, where you are placed in block"
                    f" {other_block} (no site twice)"
                )
        holders = self.usage.holders.get((placement, block), [])
        if len(holders) >= problem.places(placement, block):
            if self.method == "block":
                ahead = _ahead(problem, self.priorities, site, block, holders, apprentice)
                return "full", f"was full with {ahead}"
            count = problem.places(placement, block)
            return "full", f"was full: its {count} place(s) in block {block} went to others"
        supervised = problem.supervisors(site, block)
        if supervised is not None and self.usage.at_site[site, block] >= supervised:
            text = (
                f"had no supervisor free: {site_name(problem, site)} can supervise at most"
                f" {supervised} apprentice(s) in block {block}"
            )
            if self.method == "block":
                others = [
                    a
                    for p in problem.placements_at[site]
                    for a in self.usage.holders.get((p.id, block), [])
                ]
                text += ", all taken by " + _ahead(
                    problem, self.priorities, site, block, others, apprentice
                )
            return "supervisors", text
        if self.method == "plan":
            lacking = _mix_gap(problem, plan, block, placement)
            if lacking is not None:
                return "setting_mix", f"would have left you without {lacking}"
        return "not_improved", (
            "still had room, but the search stopped before it could improve this"
            if self.stopped_early
            else "still had room"
        )

    def explain(self, apprentice: str, block: int) -> Explanation:
        problem = self.problem
        placement = self.usage.plan.get(apprentice, {}).get(block)
        override = problem.override_for(apprentice, block)
        ranked = problem.apprentice[apprentice].preferences
        choice = problem.choice(apprentice, placement) if placement else None
        passed = []
        if override is None:
            for n, other in enumerate(ranked[: choice - 1] if choice else ranked, start=1):
                reason, predicate = self.why_not(apprentice, block, other)
                text = f"Your {ordinal(n)} choice, {placement_name(problem, other)}, {predicate}."
                passed.append(PassedOver(other, n, reason, text))
        if placement is None:
            head = f"No placement in block {block}."
            if not ranked:
                head += " You ranked no placements."
        elif choice is None:
            head = f"A placement you did not rank: {placement_name(problem, placement)}."
        else:
            head = f"Your {ordinal(choice)} choice: {placement_name(problem, placement)}."
        if override is not None:
            head += f" Set by the coordinator: {override.reason}"
            head += "" if head.endswith(".") else "."
        text = " ".join([head, *(p.text for p in passed)])
        return Explanation(
            apprentice,
            block,
            placement,
            choice,
            override.reason if override else None,
            text,
            tuple(passed),
        )


def explain(
    problem: Problem,
    assignment: Assignment,
    *,
    blocks: Sequence[int] | None = None,
    method: str = "plan",
    priorities: Priorities | None = None,
    stopped_early: bool = False,
) -> tuple[Explanation, ...]:
    """An explanation for every apprentice in every one of ``blocks`` (default: all), in input
    order. ``method`` ``block`` words a full placement by the site's order (deferred
    acceptance); ``plan`` by the places taken, and checks the setting mix."""
    explainer = _Explainer(problem, assignment, method, priorities, stopped_early)
    wanted = tuple(blocks) if blocks is not None else tuple(problem.block_numbers)
    return tuple(explainer.explain(a.id, block) for a in problem.apprentices for block in wanted)
