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

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from .engine import EqualShares, close
from .groups import Exact, Group, group_ballots, plain
from .groups import support as count_support
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


def _money(value: Fraction) -> str:
    return f"{float(value):,.2f}" if value.denominator != 1 else f"{value.numerator:,}"


def _amount(value: Fraction, currency: str) -> str:
    """An amount of money with its unit: the currency symbol given, or "units" without one."""
    return f"{currency}{_money(value)}" if currency else f"{_money(value)} units"


# Greedy -------------------------------------------------------------------------------------


def _greedy_order(election: Election, groups: list[Group]) -> list[str]:
    total: dict[str, Fraction] = {p: Fraction(0) for p in election.projects}
    for group in groups:
        for project_id, value in group.utility.items():
            total[project_id] += group.shares * value

    def key(project_id: str) -> tuple[float | Fraction, str]:
        cost = election.projects[project_id].cost
        score: float | Fraction = total[project_id] / cost if cost > 0 else INFINITY
        return (-score, project_id)

    return sorted(election.projects, key=key)


def greedy(election: Election, *, satisfaction: str = "cost", currency: str = "") -> Outcome:
    """Fund projects in order of satisfaction per unit of cost (with cost satisfaction: by
    number of supporters), skipping any that no longer fit in what is left."""
    groups = group_ballots(election, satisfaction)
    support = count_support(election, groups)
    outcome = Outcome(rule="greedy", budget=election.budget, selected=[])
    _greedy_fill(
        election,
        _greedy_order(election, groups),
        support,
        outcome,
        start_round=1,
        currency=currency,
    )
    return outcome


def _greedy_fill(
    election: Election,
    order: Iterable[str],
    support: dict[str, Fraction],
    outcome: Outcome,
    *,
    start_round: int,
    phase: str = "",
    currency: str = "",
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
                reason=f"Funded{phase} at step {round_number}: it had "
                f"{_money(support[project_id])} supporters and its cost "
                f"({_amount(cost, currency)}) fitted in what was left "
                f"({_amount(left, currency)}).",
            )
            round_number += 1
        elif project_id not in outcome.results or not outcome.results[project_id].funded:
            outcome.results[project_id] = ProjectResult(
                id=project_id,
                cost=cost,
                supporters=support[project_id],
                funded=False,
                round=None,
                reason=f"Skipped{phase} because it no longer fitted: it costs "
                f"{_amount(cost, currency)}, more than the {_amount(left, currency)} left.",
            )


# Method of Equal Shares ------------------------------------------------------------------------


def _spent_by_voter(
    groups: list[Group], per_share: Fraction, budgets: list[Exact]
) -> dict[str, Fraction]:
    by_budget: dict[Exact, Fraction] = {}
    spent: dict[str, Fraction] = {}
    for group, left in zip(groups, budgets, strict=True):
        amount = by_budget.get(left)
        if amount is None:
            amount = by_budget[left] = Fraction(per_share - left)
        spent.update(dict.fromkeys(group.voter_ids, amount))
    return spent


def equal_shares(
    election: Election,
    *,
    satisfaction: str = "cost",
    completion: str | None = None,
    currency: str = "",
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
    groups = group_ballots(election, satisfaction)
    support = count_support(election, groups)
    shares = sum((g.shares for g in groups), Fraction(0)) or Fraction(1)
    per_share = election.budget / shares
    engine = EqualShares(election, groups)
    if completion is not None:
        available = [
            p for p, project in election.projects.items() if project.cost > 0 and support[p] > 0
        ]
        per_share = engine.add1_budget(per_share, available)
    # The reported outcome, prices and payments always come from an exact run.
    run = engine.run(per_share)

    outcome = Outcome(
        rule="equal-shares",
        budget=election.budget,
        selected=list(run.selected),
        completion=completion,
        budget_per_voter=per_share,
        spent=_spent_by_voter(groups, per_share, run.budgets),
    )
    for project_id, project in election.projects.items():
        backers = support[project_id]
        if project_id in run.rounds:
            price = run.prices[project_id]
            short = run.short.get(project_id, Fraction(0))
            detail = (
                f"each of its {_money(backers)} supporters' shares paid "
                f"{_amount(price, currency)} towards it"
                if not short
                else f"its supporters' shares paid up to {_amount(price, currency)} each "
                f"towards it; {_money(short)} of them paid everything they had left"
            )
            reason = (
                "Funded at no cost."
                if project.cost == 0
                else f"Funded at step {run.rounds[project_id]}: {detail}."
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
            dropped_with = run.left_when_dropped.get(project_id)
            left = Fraction(dropped_with) if dropped_with is not None else None
            reason = (
                f"Not funded: its {_money(backers)} supporters had {_amount(left, currency)} left "
                f"between them, less than its cost of {_amount(project.cost, currency)}."
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
            currency=currency,
        )
    return outcome


# Sequential Phragmén ---------------------------------------------------------------------------


def phragmen(election: Election, *, currency: str = "") -> Outcome:
    """Sequential Phragmén for approval ballots: each funded project's cost is spread as 'load'
    over its supporters; in each round the project that keeps the heaviest load lowest is funded.
    The rule stops as soon as the project it would fund next does not fit the budget."""
    if election.vote_type not in ("approval", "choose-1"):
        raise ValueError("sequential Phragmén needs approval (or choose-1) ballots")
    groups = group_ballots(election, "points")
    support = count_support(election, groups)
    supporters: dict[str, list[int]] = {p: [] for p in election.projects}
    for i, group in enumerate(groups):
        for project_id in group.utility:
            supporters[project_id].append(i)
    # Loads in exact arithmetic (each group holds the very object it was given, so equal loads
    # can be pooled cheaply), and floating-point copies that screen each round's candidates.
    zero: Exact = 0
    loads: list[Exact] = [zero] * len(groups)
    loads_f = [0.0] * len(groups)
    shares_f = [float(g.shares) for g in groups]
    carried_f = dict.fromkeys(election.projects, 0.0)
    cost_f = {p: float(project.cost) for p, project in election.projects.items()}
    support_f = {p: float(v) for p, v in support.items()}
    remaining = [p for p, project in election.projects.items() if project.cost <= election.budget]
    outcome = Outcome(rule="phragmen", budget=election.budget, selected=[])
    spent = Fraction(0)
    round_number = 1
    stopped_by: str | None = None

    def exact_load(project_id: str) -> Fraction:
        pooled: dict[int, tuple[Exact, Exact]] = {}
        for i in supporters[project_id]:
            load, shares = pooled.get(id(loads[i]), (loads[i], 0))
            pooled[id(loads[i])] = (load, shares + groups[i].shares)
        carried = sum(load * shares for load, shares in pooled.values())
        return Fraction(carried + election.projects[project_id].cost) / support[project_id]

    while remaining:
        screened = [
            (
                (carried_f[p] + cost_f[p]) / support_f[p] if support[p] else INFINITY,
                p,
            )
            for p in remaining
        ]
        best_f = min(load for load, _ in screened)
        best: float | Fraction
        if best_f == INFINITY:
            best, tied = INFINITY, [p for _, p in screened]
        else:
            contenders = [
                p
                for load, p in screened
                if load != INFINITY and (load <= best_f or close(load, best_f))
            ]
            exact = {p: exact_load(p) for p in contenders}
            best = min(exact.values())
            tied = [p for p in contenders if exact[p] == best]
        if any(spent + election.projects[p].cost > election.budget for p in tied):
            stopped_by = min(tied)
            break
        chosen = min(tied)
        new_load: Exact = plain(best) if isinstance(best, Fraction) else 0
        new_f = float(best) if best != INFINITY else 0.0
        for i in supporters[chosen]:
            delta = shares_f[i] * (new_f - loads_f[i])
            loads_f[i], loads[i] = new_f, new_load
            if delta:
                for project_id in groups[i].utility:
                    carried_f[project_id] += delta
        remaining.remove(chosen)
        outcome.selected.append(chosen)
        spent += election.projects[chosen].cost
        outcome.results[chosen] = ProjectResult(
            id=chosen,
            cost=election.projects[chosen].cost,
            supporters=support[chosen],
            funded=True,
            round=round_number,
            reason=f"Funded at step {round_number}: spreading its cost over its "
            f"{_money(support[chosen])} supporters kept the heaviest share of any voter lowest "
            f"({_amount(best, currency) if best != INFINITY else 'no supporters'}).",  # type: ignore[arg-type]
        )
        round_number += 1
    for project_id, project in election.projects.items():
        if project_id in outcome.results:
            continue
        if project.cost > election.budget:
            reason = (
                f"Not funded: it costs more ({_amount(project.cost, currency)}) than the whole "
                "budget."
            )
        elif project_id == stopped_by:
            reason = (
                f"Not funded: it was next, but did not fit in what was left "
                f"({_amount(election.budget - spent, currency)}), so the rule stopped."
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
    election: Election,
    rule: str,
    *,
    completion: str | None = None,
    satisfaction: str = "cost",
    currency: str = "",
) -> Outcome:
    """Decide the election by ``rule``. ``currency`` (e.g. "£") is put before every amount in
    the explanations; without it amounts are given in "units"."""
    if rule == "greedy":
        return greedy(election, satisfaction=satisfaction, currency=currency)
    if rule in ("equal-shares", "mes"):
        return equal_shares(
            election, satisfaction=satisfaction, completion=completion, currency=currency
        )
    if rule == "phragmen":
        return phragmen(election, currency=currency)
    raise ValueError(f"unknown rule {rule!r}: use greedy, equal-shares or phragmen")
