"""A whole plan by OR-Tools CP-SAT.

**Model.** One true/false variable for each apprentice, block and placement the apprentice can
reach (within their travel limit, with places in that block; only the override's placement
where a coordinator has set one). Hard rules: exactly one placement per apprentice per block;
places per placement per block; supervisors per site per block; no site twice for one
apprentice; at least one health and one social care or VCSE placement per apprentice when the
plan has two or more blocks.

**Objective.** An apprentice's cost is the sum of the choice numbers of their placements (1 for
a first choice); a placement they did not rank costs one more than the longest list of choices.
The objective is lexicographic: first the worst-off apprentice's cost as low as possible, then
the total cost over everyone. Two solves on one model: the first minimises the worst cost (at
most half the time and work), the second holds the worst cost at the value found and minimises
the total, starting from the first one's plan.

**Search.** A first plan (:mod:`.start`) is given to CP-SAT as a hint. A plan with up to
``FULL_MODEL_LIMIT`` variables is solved as one model: CP-SAT's status and bound then describe
the whole problem. A bigger plan is improved by CP-SAT a neighbourhood at a time: about
``NEIGHBOURHOOD`` apprentices are freed (in turn: the worst-off and those holding placements
they ranked higher; or everyone at a few placements picked at random and those who want them;
filled up at random), everyone else stays put, and CP-SAT finds the best plan for the freed
ones in the room left; a round is kept when it lowers the worst cost, the number of apprentices
at it, or the total. Its bound is then the simple one
(every apprentice's cheapest placements at different sites), so the gap reported is an
overestimate.

**Determinism.** CP-SAT runs with the problem's seed, and with ``interleave_search`` when more
than one worker is asked for; the neighbourhoods come from a generator seeded the same way. A run
that finishes, or is stopped by ``work_limit`` (CP-SAT's deterministic time), repeats exactly; a
run stopped by the wall-clock ``time_limit`` may not.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .explain import explain, unranked_cost
from .feasibility import diagnose
from .model import Problem
from .result import Allocation, Costs
from .start import first_plan

FULL_MODEL_LIMIT = 40_000  # variables
NEIGHBOURHOOD = 40  # apprentices freed in each round on a big plan
ROUND_WORK = 0.5  # CP-SAT deterministic time allowed per round
_STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "UNKNOWN",
}
SOLVER_PROVED_INFEASIBLE = (
    "No plan meets every rule at once. The checks before solving found no single cause"
    " (each block can be filled on its own), but the solver proved that places, supervisors,"
    " travel limits, the setting mix, no site twice and the overrides cannot all be met"
    " together. Try more places or supervisors, wider travel limits or fewer overrides."
)

Plan = dict[tuple[int, int], str]  # (apprentice index, block) -> placement id


class _Cheapest:
    """The least an apprentice's placements at different sites can cost, whatever the blocks
    and everyone else: a lower bound on their cost, with or without one site."""

    def __init__(self, costs: dict[str, int], problem: Problem) -> None:
        best: dict[str, int] = {}
        for placement, cost in costs.items():
            site = problem.placement[placement].site
            best[site] = min(cost, best.get(site, cost))
        self.ordered = sorted(best.items(), key=lambda item: (item[1], item[0]))

    def of(self, count: int, skip_site: str = "") -> int:
        chosen = [cost for site, cost in self.ordered[: count + 1] if site != skip_site]
        return sum(chosen[:count])


@dataclass
class _Scope:
    """The apprentices a model places, and the room left for them."""

    people: Sequence[int]
    places: Callable[[str, int], int]
    supervisors: Callable[[str, int], int | None]
    ceiling: int | None = None  # no one may cost more than this


@dataclass
class _Model:
    model: cp_model.CpModel
    # (apprentice index, block, placement id, variable)
    choices: list[tuple[int, int, str, cp_model.IntVar]]
    costs: list[cp_model.LinearExpr]
    worst: cp_model.IntVar


def _reach_costs(problem: Problem, cost_unranked: int) -> list[dict[str, int]]:
    """For each apprentice, the cost of every placement within their travel limit."""
    return [
        {p.id: problem.choice(a.id, p.id) or cost_unranked for p in problem.reachable(a.id)}
        for a in problem.apprentices
    ]


def _options(
    problem: Problem, costs: dict[str, int], scope: _Scope, apprentice: int, block: int
) -> list[str]:
    override = problem.override_for(problem.apprentices[apprentice].id, block)
    if override is not None:
        return [override.placement]
    options = []
    for placement_id in costs:
        if scope.places(placement_id, block) <= 0:
            continue
        limit = scope.supervisors(problem.placement[placement_id].site, block)
        if limit is None or limit > 0:
            options.append(placement_id)
    return options


def _build(problem: Problem, costs: list[dict[str, int]], scope: _Scope) -> _Model:
    """The model for the apprentices in ``scope``. With a ``ceiling``, no variable is made for
    a placement that would take its apprentice over it whatever else they get."""
    model = cp_model.CpModel()
    choices: list[tuple[int, int, str, cp_model.IntVar]] = []
    blocks = len(problem.blocks)
    in_block: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    at_site: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    apprentice_costs: list[cp_model.LinearExpr] = []
    for i in scope.people:
        cheapest = _Cheapest(costs[i], problem)
        same_site: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        kinds: tuple[list[cp_model.IntVar], list[cp_model.IntVar]] = ([], [])
        terms: list[cp_model.LinearExprT] = []
        for block in problem.block_numbers:
            here = []
            for placement_id in _options(problem, costs[i], scope, i, block):
                placement = problem.placement[placement_id]
                cost = costs[i][placement_id]
                if (
                    scope.ceiling is not None
                    and cost + cheapest.of(blocks - 1, placement.site) > scope.ceiling
                ):
                    continue
                x = model.new_bool_var("")
                here.append(x)
                choices.append((i, block, placement_id, x))
                in_block[placement_id, block].append(x)
                at_site[placement.site, block].append(x)
                same_site[placement.site].append(x)
                kinds[0 if placement.is_health else 1].append(x)
                terms.append(cost * x)
            model.add_exactly_one(here)
        for xs in same_site.values():
            if len(xs) > 1:
                model.add_at_most_one(xs)
        if blocks >= 2:
            model.add_bool_or(kinds[0])
            model.add_bool_or(kinds[1])
        apprentice_costs.append(cp_model.LinearExpr.sum(terms))
    for (placement_id, block), xs in in_block.items():
        places = scope.places(placement_id, block)
        if len(xs) > places:
            model.add(cp_model.LinearExpr.sum(xs) <= places)
    for (site, block), xs in at_site.items():
        limit = scope.supervisors(site, block)
        if limit is not None and len(xs) > limit:
            model.add(cp_model.LinearExpr.sum(xs) <= limit)
    top = max((max(c.values(), default=0) for c in costs), default=0) * blocks
    floor = max((_Cheapest(costs[i], problem).of(blocks) for i in scope.people), default=0)
    worst = model.new_int_var(floor, max(floor, top), "worst")
    for expression in apprentice_costs:
        model.add(expression <= worst)
    return _Model(model, choices, apprentice_costs, worst)


@dataclass
class _Run:
    status: str
    work: float
    bound: Costs | None
    plan: Plan | None


def _solver(seed: int, workers: int, seconds: float, work: float | None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.num_workers = workers
    parameters.random_seed = seed % 2**31  # CP-SAT takes a 32-bit seed
    parameters.max_time_in_seconds = max(0.01, seconds)
    parameters.linearization_level = 2  # cuts from the at-most-one rows: proofs come sooner
    if workers > 1:
        parameters.interleave_search = True  # reproducible with several workers
    if work is not None:
        parameters.max_deterministic_time = max(0.01, work)
    return solver


def _hint(built: _Model, plan: Plan, costs: list[dict[str, int]]) -> None:
    """A complete hint (every variable), so CP-SAT starts from ``plan`` at once."""
    model = built.model
    model.clear_hints()  # type: ignore[no-untyped-call]
    per: Counter[int] = Counter()
    for i, block, placement, x in built.choices:
        chosen = plan.get((i, block)) == placement
        model.add_hint(x, chosen)
        if chosen:
            per[i] += costs[i][placement]
    model.add_hint(built.worst, max(per.values(), default=0))


def _solve(
    built: _Model,
    hint: Plan | None,
    costs: list[dict[str, int]],
    *,
    seed: int,
    workers: int,
    seconds: float,
    work: float | None,
) -> _Run:
    """Lexicographic: the worst cost first (half the time and work at most), then the total
    with the worst held."""
    started = time.perf_counter()
    model = built.model
    if hint:
        _hint(built, hint, costs)
    model.minimize(built.worst)
    solver = _solver(seed, workers, seconds / 2, None if work is None else work / 2)
    status = _STATUS[solver.solve(model)]
    spent = solver.deterministic_time
    if status not in ("OPTIMAL", "FEASIBLE"):
        return _Run(status, spent, None, None)
    first = {(i, b): p for i, b, p, x in built.choices if solver.boolean_value(x)}
    worst = round(solver.objective_value)
    worst_bound = math.ceil(solver.best_objective_bound - 1e-6)
    model.add(built.worst <= worst)
    model.minimize(cp_model.LinearExpr.sum(built.costs))
    _hint(built, first, costs)
    solver = _solver(
        seed,
        workers,
        seconds - (time.perf_counter() - started),
        None if work is None else work - spent,
    )
    second = _STATUS[solver.solve(model)]
    spent += solver.deterministic_time
    if second not in ("OPTIMAL", "FEASIBLE"):
        return _Run("FEASIBLE", spent, None, first)
    plan = {(i, b): p for i, b, p, x in built.choices if solver.boolean_value(x)}
    total_bound = math.ceil(solver.best_objective_bound - 1e-6)
    both = "OPTIMAL" if status == second == "OPTIMAL" else "FEASIBLE"
    return _Run(both, spent, Costs(worst_bound, total_bound), plan)


def _score(plan: Plan, costs: list[dict[str, int]]) -> tuple[int, int]:
    """(worst, total) over every apprentice."""
    worst, _, total = _progress(plan, costs)
    return worst, total


def _progress(plan: Plan, costs: list[dict[str, int]]) -> tuple[int, int, int]:
    """(worst, how many have the worst cost, total): a round that frees some of the worst-off
    apprentices but not all still counts as progress."""
    per = [0] * len(costs)
    for (i, _), placement in plan.items():
        per[i] += costs[i][placement]
    worst = max(per, default=0)
    return worst, per.count(worst), sum(per)


class _Improver:
    """Fix-and-optimise rounds for plans too big for one model (see the module)."""

    def __init__(self, problem: Problem, costs: list[dict[str, int]], plan: Plan) -> None:
        self.problem = problem
        self.costs = costs
        self.plan = dict(plan)
        self.random = random.Random(problem.seed)
        self.work = 0.0
        self.rounds = 0

    def _neighbourhood(self) -> list[int]:
        """Every other round the worst-off apprentices and those holding placements they
        ranked higher; in between, everyone at a few placements picked at random and those
        who ranked them higher than what they have. Filled up at random."""
        per = [0] * len(self.costs)
        holders: dict[str, list[int]] = defaultdict(list)
        for (i, _), placement in self.plan.items():
            per[i] += self.costs[i][placement]
            holders[placement].append(i)
        self.rounds += 1
        chosen: dict[int, None] = {}
        if self.rounds % 2:
            order = list(range(len(per)))
            self.random.shuffle(order)
            order.sort(key=lambda i: -per[i])  # the worst-off first, ties in a seeded order
            chosen = dict.fromkeys(order[: NEIGHBOURHOOD // 3])
            for i in list(chosen):
                for wanted in self._wanted(i):
                    for other in self.random.sample(holders[wanted], min(2, len(holders[wanted]))):
                        chosen[other] = None
        else:
            placements = sorted(holders)
            while len(chosen) < NEIGHBOURHOOD // 2:
                picked = self.random.choice(placements)
                chosen.update(dict.fromkeys(holders[picked]))
            picked_set = {p for p in placements if any(i in chosen for i in holders[p])}
            wanting = [i for i in range(len(per)) if picked_set.intersection(self._wanted(i))]
            count = min(len(wanting), NEIGHBOURHOOD // 2)
            chosen.update(dict.fromkeys(self.random.sample(wanting, count)))
        while len(chosen) < min(NEIGHBOURHOOD, len(per)):
            chosen[self.random.randrange(len(per))] = None
        return list(chosen)[:NEIGHBOURHOOD]

    def _wanted(self, i: int) -> list[str]:
        """The placements apprentice ``i`` ranked above every one they have."""
        mine = {self.plan.get((i, b)) for b in self.problem.block_numbers}
        wanted = []
        for placement in self.problem.apprentices[i].preferences:
            if placement in mine:
                break
            wanted.append(placement)
        return wanted

    def round(self, seconds: float, work: float, workers: int) -> None:
        problem = self.problem
        free = self._neighbourhood()
        freed = set(free)
        used: Counter[tuple[str, int]] = Counter()
        supervised: Counter[tuple[str, int]] = Counter()
        for (i, block), placement in self.plan.items():
            if i not in freed:
                used[placement, block] += 1
                supervised[problem.placement[placement].site, block] += 1

        def places(placement: str, block: int) -> int:
            return problem.places(placement, block) - used[placement, block]

        def supervisors(site: str, block: int) -> int | None:
            limit = problem.supervisors(site, block)
            return None if limit is None else limit - supervised[site, block]

        before = _progress(self.plan, self.costs)
        scope = _Scope(free, places, supervisors, ceiling=before[0])
        built = _build(problem, self.costs, scope)
        hint = {key: p for key, p in self.plan.items() if key[0] in freed}
        run = _solve(
            built, hint, self.costs, seed=problem.seed, workers=workers, seconds=seconds, work=work
        )
        self.work += run.work
        if run.plan is not None:
            changed = {key: p for key, p in self.plan.items() if key[0] not in freed}
            changed.update(run.plan)
            if _progress(changed, self.costs) <= before:
                self.plan = changed


def _floor_costs(problem: Problem, costs: list[dict[str, int]]) -> Costs:
    """Lower bounds: every apprentice's cheapest placements at different sites."""
    blocks = len(problem.blocks)
    each = [_Cheapest(c, problem).of(blocks) for c in costs]
    return Costs(worst=max(each, default=0), total=sum(each))


def allocate_plan(
    problem: Problem,
    *,
    time_limit: float = 60.0,
    work_limit: float | None = None,
    workers: int = 1,
    explained: bool = True,
) -> Allocation:
    """Every apprentice in every block, keeping every hard rule, by CP-SAT (see the module).

    ``time_limit``: wall-clock seconds. ``work_limit``: CP-SAT deterministic time (a stop that
    repeats exactly). ``workers``: CP-SAT workers (threads)."""
    if time_limit <= 0 or (work_limit is not None and work_limit <= 0) or workers < 1:
        raise ValueError("time_limit and work_limit must be above 0, workers 1 or more")
    started = time.perf_counter()
    cost_unranked = unranked_cost(problem)
    base = {
        "method": "plan",
        "blocks": tuple(problem.block_numbers),
        "seed": problem.seed,
        "unranked_cost": cost_unranked,
    }
    problems = diagnose(problem)
    if problems:
        return Allocation(
            status="INFEASIBLE",
            assignment={},
            problems=tuple(problems),
            seconds=time.perf_counter() - started,
            **base,  # type: ignore[arg-type]
        )
    costs = _reach_costs(problem, cost_unranked)
    start = first_plan(problem, costs)
    complete = len(start) == len(problem.apprentices) * len(problem.blocks)
    everyone = _everyone(problem)
    size = sum(
        len(_options(problem, costs[i], everyone, i, b))
        for i in range(len(costs))
        for b in problem.block_numbers
    )

    def left() -> float:
        return time_limit - (time.perf_counter() - started)

    if size <= FULL_MODEL_LIMIT or not complete:
        ceiling = _score(start, costs)[0] if complete else None
        built = _build(problem, costs, _everyone(problem, ceiling))
        run = _solve(
            built,
            start if complete else None,
            costs,
            seed=problem.seed,
            workers=workers,
            seconds=left(),
            work=work_limit,
        )
        if run.plan is None:
            return Allocation(
                status=run.status,
                assignment={},
                problems=(SOLVER_PROVED_INFEASIBLE,) if run.status == "INFEASIBLE" else (),
                stopped_by=_stopped_by(run.status, run.work, work_limit),
                seconds=time.perf_counter() - started,
                **base,  # type: ignore[arg-type]
            )
        plan, status, stopped = run.plan, run.status, _stopped_by(run.status, run.work, work_limit)
        worst, total = _score(plan, costs)
        floor = _floor_costs(problem, costs)
        bound = run.bound or floor
        best_bound = Costs(
            worst=min(worst, max(bound.worst, floor.worst)),
            total=min(total, max(bound.total, floor.total)),
        )
    else:
        improver = _Improver(problem, costs, start)
        while left() > 0.5 and (work_limit is None or improver.work < work_limit):
            allowance = (
                ROUND_WORK if work_limit is None else min(ROUND_WORK, work_limit - improver.work)
            )
            improver.round(left(), allowance, workers)
        plan, status = improver.plan, "FEASIBLE"
        stopped = "work_limit" if work_limit is not None and left() > 0.5 else "time_limit"
        worst, total = _score(plan, costs)
        floor = _floor_costs(problem, costs)
        best_bound = Costs(worst=min(worst, floor.worst), total=min(total, floor.total))
    assignment = {(problem.apprentices[i].id, b): p for (i, b), p in sorted(plan.items())}
    return Allocation(
        status=status,
        assignment=assignment,
        objective=Costs(worst=worst, total=total),
        best_bound=best_bound,
        stopped_by=stopped,
        seconds=time.perf_counter() - started,
        explanations=explain(problem, assignment, method="plan", stopped_early=status != "OPTIMAL")
        if explained
        else (),
        **base,  # type: ignore[arg-type]
    )


def _everyone(problem: Problem, ceiling: int | None = None) -> _Scope:
    return _Scope(range(len(problem.apprentices)), problem.places, problem.supervisors, ceiling)


def _stopped_by(status: str, work: float, work_limit: float | None) -> str:
    if status in ("OPTIMAL", "INFEASIBLE"):
        return "finished"
    if work_limit is not None and work >= 0.99 * work_limit:
        return "work_limit"
    return "time_limit"
