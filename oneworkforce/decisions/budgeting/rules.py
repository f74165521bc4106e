"""Three budgeting rules with exact arithmetic and explanations.

Satisfaction
    ``"cost"`` (default): a voter values a funded project they support by its cost.
    ``"points"``: by the points they gave (cumulative, scoring), the Borda score of its rank
    (ordinal: a ballot ranking k projects gives k, k-1, ... 1), or 1 (approval, choose-1).

Tie-breaking (every rule, deterministic)
    When projects are exactly tied, the one whose ``project_id`` comes first in plain string
    order wins (so ``"10"`` comes before ``"9"``). This is the lexicographic rule pabutools uses,
    so results can be checked against it.

Voters with identical ballots and weights are handled as one group; results never depend on the
order in which projects or voters are read, except through the tie-break above.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from .model import Election

INFINITY = float("inf")


@dataclass(frozen=True)
class ProjectResult:
    """What happened to one project, in words and numbers."""

    id: str
    cost: Fraction
    supporters: Fraction
    funded: bool
    round: int | None
    reason: str
    # Equal shares: what each supporter paid at most, and how many paid all they had left.
    price_per_supporter: Fraction | None = None
    supporters_short: Fraction = Fraction(0)


@dataclass
class Outcome:
    rule: str
    budget: Fraction
    selected: list[str]
    results: dict[str, ProjectResult] = field(default_factory=dict)
    completion: str | None = None
    budget_per_voter: Fraction | None = None
    # Equal shares: what each voter spent, by voter id.
    spent: dict[str, Fraction] = field(default_factory=dict)

    @property
    def total_cost(self) -> Fraction:
        return sum((self.results[p].cost for p in self.selected), Fraction(0))


@dataclass
class _Group:
    shares: Fraction  # number of voters (sum of weights) with this ballot
    utility: dict[str, Fraction]
    voter_ids: list[str]


def _utilities(election: Election, satisfaction: str) -> list[_Group]:
    if satisfaction not in ("cost", "points"):
        raise ValueError(f"unknown satisfaction {satisfaction!r}: use 'cost' or 'points'")
    kind = election.vote_type
    # Identical ballots (same projects, order where it matters, points and weight) form a group.
    grouped: dict[tuple[object, ...], tuple[Fraction, list[str], tuple[str, ...], object]] = {}
    for ballot in election.ballots:
        order: tuple[str, ...] = (
            ballot.projects
            if kind == "ordinal" or ballot.points
            else tuple(sorted(ballot.projects))
        )
        key = (ballot.weight, order, ballot.points)
        entry = grouped.get(key)
        if entry is None:
            grouped[key] = (ballot.weight, [ballot.voter_id], order, ballot.points)
        else:
            entry[1].append(ballot.voter_id)
    groups: list[_Group] = []
    for weight, voter_ids, order, points in grouped.values():
        utility: dict[str, Fraction] = {}
        for index, project_id in enumerate(order):
            if satisfaction == "cost":
                value = election.projects[project_id].cost
                if points is not None and points[index] == 0:  # type: ignore[index]
                    value = Fraction(0)
            elif points is not None:
                value = points[index]  # type: ignore[index]
            elif kind == "ordinal":
                value = Fraction(len(order) - index)
            else:
                value = Fraction(1)
            if value > 0:
                utility[project_id] = value
        groups.append(_Group(shares=weight * len(voter_ids), utility=utility, voter_ids=voter_ids))
    return groups


def _support(election: Election, groups: list[_Group]) -> dict[str, Fraction]:
    support = {p: Fraction(0) for p in election.projects}
    for group in groups:
        for project_id in group.utility:
            support[project_id] += group.shares
    return support


def _money(value: Fraction) -> str:
    return f"{float(value):,.2f}" if value.denominator != 1 else f"{value.numerator:,}"


# Greedy -------------------------------------------------------------------------------------


def _greedy_order(election: Election, groups: list[_Group]) -> list[str]:
    total: dict[str, Fraction] = {p: Fraction(0) for p in election.projects}
    for group in groups:
        for project_id, value in group.utility.items():
            total[project_id] += group.shares * value

    def key(project_id: str) -> tuple[float | Fraction, str]:
        cost = election.projects[project_id].cost
        score: float | Fraction = total[project_id] / cost if cost > 0 else INFINITY
        return (-score, project_id)

    return sorted(election.projects, key=key)


def greedy(election: Election, *, satisfaction: str = "cost") -> Outcome:
    """Fund projects in order of satisfaction per unit of cost (with cost satisfaction: by
    number of supporters), skipping any that no longer fit in what is left."""
    groups = _utilities(election, satisfaction)
    support = _support(election, groups)
    outcome = Outcome(rule="greedy", budget=election.budget, selected=[])
    _greedy_fill(election, _greedy_order(election, groups), support, outcome, start_round=1)
    return outcome


def _greedy_fill(
    election: Election,
    order: Iterable[str],
    support: dict[str, Fraction],
    outcome: Outcome,
    *,
    start_round: int,
    phase: str = "",
) -> None:
    spent = outcome.total_cost
    round_number = start_round
    for project_id in order:
        if project_id in outcome.selected:
            continue
        cost = election.projects[project_id].cost
        left = election.budget - spent
        if cost <= left:
            outcome.selected.append(project_id)
            spent += cost
            outcome.results[project_id] = ProjectResult(
                id=project_id,
                cost=cost,
                supporters=support[project_id],
                funded=True,
                round=round_number,
                reason=f"Funded{phase} in step {round_number}: it had "
                f"{_money(support[project_id])} supporters and its cost "
                f"({_money(cost)}) fitted in what was left ({_money(left)}).",
            )
            round_number += 1
        elif project_id not in outcome.results or not outcome.results[project_id].funded:
            outcome.results[project_id] = ProjectResult(
                id=project_id,
                cost=cost,
                supporters=support[project_id],
                funded=False,
                round=None,
                reason=f"Skipped{phase} because it no longer fitted: {_money(left)} was left "
                f"and it costs {_money(cost)}.",
            )


# Method of Equal Shares ------------------------------------------------------------------------


@dataclass
class _Candidate:
    id: str
    cost: Fraction
    supporters: list[int]
    total_utility: Fraction
    # The utility every supporter has, when they all have the same (always so with cost
    # satisfaction): then supporters are ordered by budget alone, and equal budgets pooled.
    common_utility: Fraction | None
    affordability: Fraction = Fraction(0)


@dataclass
class _Run:
    selected: list[str]
    rounds: dict[str, int]
    prices: dict[str, Fraction]
    short: dict[str, Fraction]
    left_when_dropped: dict[str, Fraction]
    budgets: list[Fraction]


def _candidates(election: Election, groups: list[_Group]) -> tuple[list[str], list[_Candidate]]:
    """Projects at no cost that someone supports (funded at once), and the others with support."""
    free: list[str] = []
    candidates: list[_Candidate] = []
    for project_id, project in election.projects.items():
        supporters = [i for i, g in enumerate(groups) if project_id in g.utility]
        values = {groups[i].utility[project_id] for i in supporters}
        total = sum(
            (groups[i].shares * groups[i].utility[project_id] for i in supporters), Fraction(0)
        )
        if total <= 0:
            continue
        if project.cost == 0:
            free.append(project_id)
            continue
        common = next(iter(values)) if len(values) == 1 else None
        candidates.append(_Candidate(project_id, project.cost, supporters, total, common))
    return free, candidates


def _affordability(
    candidate: _Candidate, groups: list[_Group], budgets: list[Fraction]
) -> Fraction:
    """The lowest price per unit of satisfaction at which the supporters can pay the cost, each
    paying that price times their satisfaction or all they have left."""
    if candidate.common_utility is not None:
        pooled: dict[Fraction, Fraction] = {}
        for i in candidate.supporters:
            pooled[budgets[i]] = pooled.get(budgets[i], Fraction(0)) + groups[i].shares
        paid, rich = Fraction(0), sum(pooled.values(), Fraction(0))
        for budget, shares in sorted(pooled.items()):
            price = (candidate.cost - paid) / rich
            if price <= budget:
                return price / candidate.common_utility
            paid += shares * budget
            rich -= shares
        raise AssertionError("an affordable project always finds a price")
    project_id = candidate.id
    order = sorted(candidate.supporters, key=lambda i: budgets[i] / groups[i].utility[project_id])
    paid, denominator = Fraction(0), candidate.total_utility
    for i in order:
        rho = (candidate.cost - paid) / denominator
        utility = groups[i].utility[project_id]
        if rho * utility <= budgets[i]:
            return rho
        paid += groups[i].shares * budgets[i]
        denominator -= groups[i].shares * utility
    raise AssertionError("an affordable project always finds a price")


def _mes_run(
    free: list[str], candidates: list[_Candidate], groups: list[_Group], per_share: Fraction
) -> _Run:
    """One run of equal shares in exact arithmetic.

    Floating-point copies of the budgets screen the candidates each round; every decision the
    screen cannot make with a wide margin (a near-tie, a project barely affordable) and every
    payment is made in exact arithmetic, so the result is exact.
    """
    budgets = [per_share] * len(groups)
    shares_f = [float(g.shares) for g in groups]
    budgets_f = [float(per_share)] * len(groups)
    fast = {c.id: c for c in _fast_candidates(candidates, groups)}
    run = _Run(
        selected=list(free),
        rounds=dict.fromkeys(free, 0),
        prices=dict.fromkeys(free, Fraction(0)),
        short={},
        left_when_dropped={},
        budgets=budgets,
    )
    for quick in fast.values():
        quick.affordability = quick.cost / quick.total_utility
    remaining = list(candidates)
    round_number = 1
    while remaining:
        best_f = math.inf
        screened: list[tuple[float, _Candidate]] = []
        dropped: list[_Candidate] = []
        # Affordability never falls as budgets are spent, so last round's value is a lower bound.
        for candidate in sorted(remaining, key=lambda c: fast[c.id].affordability):
            quick = fast[candidate.id]
            if quick.affordability > best_f * (1 + _MARGIN) + _MARGIN:
                break
            available_f = sum(shares_f[i] * budgets_f[i] for i in candidate.supporters)
            if available_f < candidate.cost and not _close(available_f, float(candidate.cost)):
                dropped.append(candidate)
                continue
            if _close(available_f, float(candidate.cost)):
                available = sum(
                    (groups[i].shares * budgets[i] for i in candidate.supporters), Fraction(0)
                )
                if available < candidate.cost:
                    dropped.append(candidate)
                    continue
            quick.affordability = _fast_affordability(quick, shares_f, budgets_f)
            best_f = min(best_f, quick.affordability)
            screened.append((quick.affordability, candidate))
        for candidate in dropped:
            run.left_when_dropped[candidate.id] = sum(
                (groups[i].shares * budgets[i] for i in candidate.supporters), Fraction(0)
            )
            remaining.remove(candidate)
        contenders = [c for rho, c in screened if rho <= best_f or _close(rho, best_f)]
        if not contenders:
            break
        exact = {c.id: _affordability(c, groups, budgets) for c in contenders}
        best = min(exact.values())
        chosen = min((c for c in contenders if exact[c.id] == best), key=lambda c: c.id)
        remaining.remove(chosen)
        run.selected.append(chosen.id)
        run.rounds[chosen.id] = round_number
        short = Fraction(0)
        price = Fraction(0)
        for i in chosen.supporters:
            due = best * groups[i].utility[chosen.id]
            pay = min(budgets[i], due)
            if pay < due:
                short += groups[i].shares
            price = max(price, pay)
            budgets[i] -= pay
            budgets_f[i] = float(budgets[i])
        run.prices[chosen.id] = price
        run.short[chosen.id] = short
        round_number += 1
    return run


# A fast pass in floating point, trusted only when no decision was close. Every comparison it
# makes is checked against a margin far wider than the rounding error of a few hundred rounds;
# when one falls inside the margin the caller repeats the run in exact arithmetic.
_MARGIN = 1e-9


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _MARGIN * max(abs(a), abs(b), 1.0)


@dataclass
class _FastCandidate:
    id: str
    cost: float
    supporters: list[int]
    utilities: list[float]
    total_utility: float
    common_utility: float | None
    affordability: float = 0.0


def _fast_candidates(candidates: list[_Candidate], groups: list[_Group]) -> list[_FastCandidate]:
    return [
        _FastCandidate(
            id=c.id,
            cost=float(c.cost),
            supporters=c.supporters,
            utilities=[float(groups[i].utility[c.id]) for i in c.supporters],
            total_utility=float(c.total_utility),
            common_utility=float(c.common_utility) if c.common_utility is not None else None,
        )
        for c in candidates
    ]


def _fast_affordability(
    candidate: _FastCandidate, shares: list[float], budgets: list[float]
) -> float:
    supporters = candidate.supporters
    if candidate.common_utility is not None:
        paid, rich = 0.0, sum(shares[i] for i in supporters)
        price = candidate.cost / rich
        for i in sorted(supporters, key=budgets.__getitem__):
            price = (candidate.cost - paid) / rich
            if price <= budgets[i]:
                break
            paid += shares[i] * budgets[i]
            rich -= shares[i]
        return price / candidate.common_utility
    utility = dict(zip(supporters, candidate.utilities, strict=True))
    paid, denominator = 0.0, candidate.total_utility
    rho = candidate.cost / denominator
    for i in sorted(supporters, key=lambda i: budgets[i] / utility[i]):
        rho = (candidate.cost - paid) / denominator
        if rho * utility[i] <= budgets[i]:
            break
        paid += shares[i] * budgets[i]
        denominator -= shares[i] * utility[i]
    return rho


def _mes_selection_fast(
    free: list[str], candidates: list[_FastCandidate], shares: list[float], per_share: float
) -> list[str] | None:
    """The projects equal shares selects, or ``None`` if a decision was too close to call."""
    budgets = [per_share] * len(shares)
    selected = list(free)
    for candidate in candidates:
        candidate.affordability = candidate.cost / candidate.total_utility
    remaining = list(candidates)
    while remaining:
        best = math.inf
        tied: list[_FastCandidate] = []
        dropped: list[_FastCandidate] = []
        for candidate in sorted(remaining, key=lambda c: c.affordability):
            if candidate.affordability > best * (1 + _MARGIN) + _MARGIN:
                break
            supporters = candidate.supporters
            available = sum(shares[i] * budgets[i] for i in supporters)
            if _close(available, candidate.cost):
                return None
            if available < candidate.cost:
                dropped.append(candidate)
                continue
            rho = _fast_affordability(candidate, shares, budgets)
            candidate.affordability = rho
            if tied and _close(rho, best):
                return None
            if rho < best:
                best, tied = rho, [candidate]
        for candidate in dropped:
            remaining.remove(candidate)
        if not tied:
            break
        chosen = tied[0]
        remaining.remove(chosen)
        selected.append(chosen.id)
        for i, utility_i in zip(chosen.supporters, chosen.utilities, strict=True):
            budgets[i] -= min(budgets[i], best * utility_i)
    return selected


def _add1_budget(
    election: Election,
    free: list[str],
    candidates: list[_Candidate],
    groups: list[_Group],
    per_share: Fraction,
    available: list[str],
) -> Fraction:
    """The per-voter budget the add-one completion settles on (exact; fast where safe)."""
    fast = _fast_candidates(candidates, groups)
    shares = [float(g.shares) for g in groups]

    def selection(budget: Fraction) -> list[str]:
        chosen = _mes_selection_fast(free, fast, shares, float(budget))
        if chosen is None:
            chosen = _mes_run(free, candidates, groups, budget).selected
        return chosen

    selected = selection(per_share)
    while not _exhaustive(election, selected, available):
        attempt = selection(per_share + 1)
        if election.cost(attempt) > election.budget:
            break
        selected, per_share = attempt, per_share + 1
    return per_share


def _exhaustive(election: Election, selected: list[str], available: Iterable[str]) -> bool:
    spent = election.cost(selected)
    return all(
        spent + election.projects[p].cost > election.budget for p in available if p not in selected
    )


def equal_shares(
    election: Election, *, satisfaction: str = "cost", completion: str | None = None
) -> Outcome:
    """The Method of Equal Shares.

    Every voter starts with an equal share of the budget (in proportion to their weight). In each
    round the project whose supporters can pay for it at the lowest price per unit of
    satisfaction is funded, each supporter paying that price or all they have left.

    ``completion="add1"``: raise every voter's budget one currency unit at a time and keep the
    last outcome that still fits the budget (pabulib's ``equalshares/add1``).
    ``completion="add1-greedy"``: then fill what is left greedily.
    """
    if completion not in (None, "add1", "add1-greedy"):
        raise ValueError(f"unknown completion {completion!r}: use add1 or add1-greedy")
    groups = _utilities(election, satisfaction)
    support = _support(election, groups)
    shares = sum((g.shares for g in groups), Fraction(0)) or Fraction(1)
    per_share = election.budget / shares
    free, candidates = _candidates(election, groups)
    if completion is not None:
        available = [
            p for p, project in election.projects.items() if project.cost > 0 and support[p] > 0
        ]
        per_share = _add1_budget(election, free, candidates, groups, per_share, available)
    # The reported outcome, prices and payments always come from an exact run.
    run = _mes_run(free, candidates, groups, per_share)

    outcome = Outcome(
        rule="equal-shares",
        budget=election.budget,
        selected=list(run.selected),
        completion=completion,
        budget_per_voter=per_share,
        spent={
            voter_id: per_share - run.budgets[i]
            for i, group in enumerate(groups)
            for voter_id in group.voter_ids
        },
    )
    for project_id, project in election.projects.items():
        backers = support[project_id]
        if project_id in run.rounds:
            price = run.prices[project_id]
            short = run.short.get(project_id, Fraction(0))
            detail = (
                f"each of its {_money(backers)} supporters paid {_money(price)}"
                if not short
                else f"its supporters paid up to {_money(price)} each; {_money(short)} of them "
                "paid everything they had left"
            )
            reason = (
                "Funded at no cost."
                if project.cost == 0
                else f"Funded in round {run.rounds[project_id]}: {detail}."
            )
            outcome.results[project_id] = ProjectResult(
                id=project_id,
                cost=project.cost,
                supporters=backers,
                funded=True,
                round=run.rounds[project_id],
                reason=reason,
                price_per_supporter=price,
                supporters_short=short,
            )
        elif backers == 0:
            outcome.results[project_id] = ProjectResult(
                id=project_id,
                cost=project.cost,
                supporters=backers,
                funded=False,
                round=None,
                reason="Not funded: nobody voted for it.",
            )
        else:
            left = run.left_when_dropped.get(project_id)
            reason = (
                f"Not funded: its {_money(backers)} supporters had {_money(left)} left between "
                f"them, less than its cost of {_money(project.cost)}."
                if left is not None
                else "Not funded: other projects could be paid for at a lower price per supporter "
                "until the budget ran out."
            )
            outcome.results[project_id] = ProjectResult(
                id=project_id,
                cost=project.cost,
                supporters=backers,
                funded=False,
                round=None,
                reason=reason,
            )
    if completion == "add1-greedy":
        _greedy_fill(
            election,
            _greedy_order(election, groups),
            support,
            outcome,
            start_round=len(outcome.selected) + 1,
            phase=" by the greedy completion",
        )
    return outcome


# Sequential Phragmén ---------------------------------------------------------------------------


def phragmen(election: Election) -> Outcome:
    """Sequential Phragmén for approval ballots: each funded project's cost is spread as 'load'
    over its supporters; in each round the project that keeps the heaviest load lowest is funded.
    The rule stops as soon as the project it would fund next does not fit the budget."""
    if election.vote_type not in ("approval", "choose-1"):
        raise ValueError("sequential Phragmén needs approval (or choose-1) ballots")
    groups = _utilities(election, "points")
    support = _support(election, groups)
    loads = [Fraction(0) for _ in groups]
    supporters = {p: [i for i, g in enumerate(groups) if p in g.utility] for p in election.projects}
    remaining = [p for p, project in election.projects.items() if project.cost <= election.budget]
    outcome = Outcome(rule="phragmen", budget=election.budget, selected=[])
    spent = Fraction(0)
    round_number = 1
    stopped_by: str | None = None
    while remaining:
        best: float | Fraction | None = None
        tied: list[str] = []
        for project_id in remaining:
            if support[project_id] == 0:
                load: float | Fraction = INFINITY
            else:
                carried = sum(
                    (groups[i].shares * loads[i] for i in supporters[project_id]), Fraction(0)
                )
                load = (carried + election.projects[project_id].cost) / support[project_id]
            if best is None or load < best:
                best, tied = load, [project_id]
            elif load == best:
                tied.append(project_id)
        if any(spent + election.projects[p].cost > election.budget for p in tied):
            stopped_by = min(tied)
            break
        chosen = min(tied)
        for i in supporters[chosen]:
            loads[i] = best  # type: ignore[assignment]
        remaining.remove(chosen)
        outcome.selected.append(chosen)
        spent += election.projects[chosen].cost
        outcome.results[chosen] = ProjectResult(
            id=chosen,
            cost=election.projects[chosen].cost,
            supporters=support[chosen],
            funded=True,
            round=round_number,
            reason=f"Funded in round {round_number}: spreading its cost over its "
            f"{_money(support[chosen])} supporters kept the heaviest load lowest "
            f"({_money(best) if best != INFINITY else 'no supporters'}).",  # type: ignore[arg-type]
        )
        round_number += 1
    for project_id, project in election.projects.items():
        if project_id in outcome.results:
            continue
        if project.cost > election.budget:
            reason = f"Not funded: it costs more ({_money(project.cost)}) than the whole budget."
        elif project_id == stopped_by:
            reason = (
                f"Not funded: it was next, but did not fit in what was left "
                f"({_money(election.budget - spent)}), so the rule stopped."
            )
        else:
            reason = "Not funded: the rule stopped before reaching it."
        outcome.results[project_id] = ProjectResult(
            id=project_id,
            cost=project.cost,
            supporters=support[project_id],
            funded=False,
            round=None,
            reason=reason,
        )
    return outcome


def run(
    election: Election, rule: str, *, completion: str | None = None, satisfaction: str = "cost"
) -> Outcome:
    if rule == "greedy":
        return greedy(election, satisfaction=satisfaction)
    if rule in ("equal-shares", "mes"):
        return equal_shares(election, satisfaction=satisfaction, completion=completion)
    if rule == "phragmen":
        return phragmen(election)
    raise ValueError(f"unknown rule {rule!r}: use greedy, equal-shares or phragmen")
