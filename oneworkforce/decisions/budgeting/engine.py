"""The Method of Equal Shares, computed exactly and quickly.

Results are exact (:class:`fractions.Fraction`). Speed comes from a floating-point screen
(numpy) that decides only what it can decide with a wide margin: which projects are clearly
unaffordable, and which are clearly not the cheapest this round. The cheapest project's price,
any near-tie, and every payment are then computed exactly. Voters whose exact remaining budgets
are equal are charged together.

The add-one completion runs the screen alone for each trial budget, and repeats a trial exactly
whenever a decision was too close to call; the reported outcome always comes from an exact run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .groups import Exact, Group, plain
from .model import Election

# Far wider than the rounding error of hundreds of rounds of float64 arithmetic.
MARGIN = 1e-9


def close(a: float, b: float) -> bool:
    return abs(a - b) <= MARGIN * max(abs(a), abs(b), 1.0)


@dataclass
class Candidate:
    id: str
    cost: Fraction
    supporters: list[int]
    utilities: list[Exact]
    total_utility: Exact
    # Set when every supporter has the same satisfaction (always so with cost satisfaction).
    common_utility: Exact | None
    # Floating-point copies for the screen.
    index: np.ndarray = field(repr=False, default_factory=lambda: np.empty(0, dtype=np.int64))
    utility_f: np.ndarray = field(repr=False, default_factory=lambda: np.empty(0))
    cost_f: float = 0.0
    first_price: Fraction = Fraction(0)  # the price while every supporter has their full budget
    first_price_f: float = 0.0
    utility_list: list[float] = field(repr=False, default_factory=list)


@dataclass
class Run:
    selected: list[str]
    rounds: dict[str, int]
    prices: dict[str, Fraction]
    short: dict[str, Fraction]
    left_when_dropped: dict[str, Exact]
    budgets: list[Exact]


class EqualShares:
    def __init__(self, election: Election, groups: list[Group]) -> None:
        self.election = election
        self.groups = groups
        self.shares = [g.shares for g in groups]
        self.shares_f = np.array([float(s) for s in self.shares])
        self.free: list[str] = []
        self.candidates: list[Candidate] = []
        by_project: dict[str, list[int]] = {p: [] for p in election.projects}
        for i, group in enumerate(groups):
            for project_id in group.utility:
                by_project[project_id].append(i)
        for project_id, project in election.projects.items():
            supporters = by_project[project_id]
            utilities = [groups[i].utility[project_id] for i in supporters]
            total = sum(
                (self.shares[i] * u for i, u in zip(supporters, utilities, strict=True)),
                Fraction(0),
            )
            if total <= 0:
                continue
            if project.cost == 0:
                self.free.append(project_id)
                continue
            common = utilities[0] if all(u == utilities[0] for u in utilities) else None
            self.candidates.append(
                Candidate(
                    id=project_id,
                    cost=project.cost,
                    supporters=supporters,
                    utilities=utilities,
                    total_utility=total,
                    common_utility=common,
                    index=np.array(supporters, dtype=np.int64),
                    utility_f=np.array([float(u) for u in utilities]),
                    cost_f=float(project.cost),
                    first_price=Fraction(project.cost) / total,
                    first_price_f=float(Fraction(project.cost) / total),
                    utility_list=[float(u) for u in utilities],
                )
            )
        self.shares_list = [float(s) for s in self.shares]

    # Screening in floating point ----------------------------------------------------------------

    def _screen_price(self, c: Candidate, budgets_f: np.ndarray) -> float | None:
        """The float price per unit of satisfaction, or None if rounding leaves it unclear."""
        b = budgets_f[c.index]
        s = self.shares_f[c.index]
        u = c.utility_f
        order = np.argsort(b / u, kind="stable")
        b, s, u = b[order], s[order], u[order]
        paid_before = np.concatenate(([0.0], np.cumsum(s * b)[:-1]))
        util_before = float(c.total_utility) - np.concatenate(([0.0], np.cumsum(s * u)[:-1]))
        with np.errstate(divide="ignore", invalid="ignore"):
            rho = (float(c.cost) - paid_before) / util_before
        fits = rho * u <= b
        if not fits.any():
            return None
        return float(rho[int(np.argmax(fits))])

    # Exact arithmetic ---------------------------------------------------------------------------

    def _pool(self, c: Candidate, budgets: list[Exact]) -> dict[tuple[Exact, Exact], Exact]:
        """Supporters' shares summed by (remaining budget, satisfaction)."""
        # Keyed by numerator and denominator first: hashing a Fraction is slow.
        by_parts: dict[tuple[int, int, int, int], Exact] = {}
        shares = self.shares
        for i, u in zip(c.supporters, c.utilities, strict=True):
            b = budgets[i]
            key = (b.numerator, b.denominator, u.numerator, u.denominator)
            by_parts[key] = by_parts.get(key, 0) + shares[i]
        return {
            (plain(Fraction(bn, bd)), plain(Fraction(un, ud))): total
            for (bn, bd, un, ud), total in by_parts.items()
        }

    def _exact_price(self, c: Candidate, budgets: list[Exact]) -> Fraction:
        """The lowest price per unit of satisfaction the supporters can pay together, each
        paying that price times their satisfaction or all they have left."""
        paid: Exact = 0
        denominator = c.total_utility
        pooled = sorted(
            self._pool(c, budgets).items(), key=lambda kv: Fraction(kv[0][0]) / kv[0][1]
        )
        for (budget, u), shares in pooled:
            rho = Fraction(c.cost - paid) / denominator
            if rho * u <= budget:
                return rho
            paid += shares * budget
            denominator -= shares * u
        raise AssertionError("an affordable project always has a price")

    def _exact_available(self, c: Candidate, budgets: list[Exact]) -> Exact:
        return sum(budget * shares for (budget, _u), shares in self._pool(c, budgets).items())

    def run(self, per_share: Fraction) -> Run:
        budgets: list[Exact] = [per_share] * len(self.groups)
        budgets_f = np.full(len(self.groups), float(per_share))
        run = Run(
            selected=list(self.free),
            rounds=dict.fromkeys(self.free, 0),
            prices=dict.fromkeys(self.free, Fraction(0)),
            short={},
            left_when_dropped={},
            budgets=budgets,
        )
        bound = {c.id: float(c.cost / c.total_utility) for c in self.candidates}
        remaining = list(self.candidates)
        round_number = 1
        while remaining:
            best_f = float("inf")
            screened: list[tuple[float, Candidate]] = []
            dropped: list[Candidate] = []
            # A project's price never falls as budgets are spent: last round's is a lower bound.
            for c in sorted(remaining, key=lambda c: bound[c.id]):
                if bound[c.id] > best_f * (1 + MARGIN) + MARGIN:
                    break
                available_f = float(self.shares_f[c.index] @ budgets_f[c.index])
                if close(available_f, float(c.cost)):
                    if self._exact_available(c, budgets) < c.cost:
                        dropped.append(c)
                        continue
                elif available_f < float(c.cost):
                    dropped.append(c)
                    continue
                price = self._screen_price(c, budgets_f)
                if price is None:
                    price = float(self._exact_price(c, budgets))
                bound[c.id] = price
                best_f = min(best_f, price)
                screened.append((price, c))
            for c in dropped:
                run.left_when_dropped[c.id] = self._exact_available(c, budgets)
                remaining.remove(c)
            contenders = [c for price, c in screened if price <= best_f or close(price, best_f)]
            if not contenders:
                break
            exact = {c.id: self._exact_price(c, budgets) for c in contenders}
            best = min(exact.values())
            chosen = min((c for c in contenders if exact[c.id] == best), key=lambda c: c.id)
            remaining.remove(chosen)
            run.selected.append(chosen.id)
            run.rounds[chosen.id] = round_number
            run.prices[chosen.id], run.short[chosen.id] = self._charge(
                chosen, best, budgets, budgets_f
            )
            round_number += 1
        return run

    def _charge(
        self, c: Candidate, rho: Fraction, budgets: list[Exact], budgets_f: np.ndarray
    ) -> tuple[Fraction, Fraction]:
        """Take the price from each supporter (or all they have); equal budgets pay together."""
        by_parts: dict[tuple[int, int, int, int], list[int]] = {}
        for i, u in zip(c.supporters, c.utilities, strict=True):
            b = budgets[i]
            by_parts.setdefault(
                (b.numerator, b.denominator, u.numerator, u.denominator), []
            ).append(i)
        price, short = Fraction(0), Fraction(0)
        for (bn, bd, un, ud), indices in by_parts.items():
            budget, u = Fraction(bn, bd), plain(Fraction(un, ud))
            due = rho * u
            pay = min(Fraction(budget), due)
            left = plain(budget - pay)
            if pay < due:
                short += sum(self.shares[i] for i in indices)
            price = max(price, pay)
            for i in indices:
                budgets[i] = left
            budgets_f[indices] = float(left)
        return price, short

    # Add-one completion -------------------------------------------------------------------------

    def _selection_float(self, per_share: Fraction) -> list[str] | None:
        """The projects selected, by the screen alone; None if any decision was too close.

        Small electorates run on plain Python floats (numpy's per-call cost would dominate);
        large ones on numpy arrays. Both make the same decisions with the same margins.
        """
        small = len(self.groups) <= 256
        shares = self.shares_list
        budgets_list = [float(per_share)] * len(self.groups)
        budgets_f = np.full(len(self.groups), float(per_share))
        selected = list(self.free)
        bound = {c.id: c.first_price_f for c in self.candidates}
        remaining = list(self.candidates)
        while remaining:
            best_f = float("inf")
            screened: list[tuple[float, Candidate]] = []
            dropped: list[Candidate] = []
            for c in sorted(remaining, key=lambda c: bound[c.id]):
                if bound[c.id] > best_f * (1 + MARGIN) + MARGIN:
                    break
                if small:
                    available_f = sum(shares[i] * budgets_list[i] for i in c.supporters)
                else:
                    available_f = float(self.shares_f[c.index] @ budgets_f[c.index])
                if close(available_f, c.cost_f):
                    return None
                if available_f < c.cost_f:
                    dropped.append(c)
                    continue
                price = (
                    self._screen_price_small(c, budgets_list)
                    if small
                    else self._screen_price(c, budgets_f)
                )
                if price is None:
                    return None
                bound[c.id] = price
                best_f = min(best_f, price)
                screened.append((price, c))
            for c in dropped:
                remaining.remove(c)
            contenders = [c for price, c in screened if price <= best_f or close(price, best_f)]
            if not contenders:
                break
            if len(contenders) == 1:
                best = contenders[0]
            else:
                # A near-tie: decide it exactly when every supporter of every contender can
                # clearly still pay the first price (then that is each one's exact price).
                for c in contenders:
                    if not self._pays_first_price(c, budgets_list if small else budgets_f):
                        return None
                lowest = min(c.first_price for c in contenders)
                best = min((c for c in contenders if c.first_price == lowest), key=lambda c: c.id)
                best_f = bound[best.id]
            remaining.remove(best)
            selected.append(best.id)
            if small:
                for i, u in zip(best.supporters, best.utility_list, strict=True):
                    budgets_list[i] -= min(budgets_list[i], best_f * u)
            else:
                b = budgets_f[best.index]
                budgets_f[best.index] = b - np.minimum(b, best_f * best.utility_f)
        return selected

    @staticmethod
    def _pays_first_price(c: Candidate, budgets: Any) -> bool:
        return all(
            budgets[i] >= c.first_price_f * u * (1 + MARGIN) + MARGIN
            for i, u in zip(c.supporters, c.utility_list, strict=True)
        )

    def _screen_price_small(self, c: Candidate, budgets: list[float]) -> float | None:
        shares = self.shares_list
        pairs = sorted(
            zip(c.supporters, c.utility_list, strict=True), key=lambda p: budgets[p[0]] / p[1]
        )
        paid, denominator = 0.0, float(c.total_utility)
        for i, u in pairs:
            if denominator <= 0:
                return None
            rho = (c.cost_f - paid) / denominator
            if rho * u <= budgets[i]:
                return rho
            paid += shares[i] * budgets[i]
            denominator -= shares[i] * u
        return None

    def add1_budget(self, per_share: Fraction, available: list[str]) -> Fraction:
        """Raise the per-voter budget one unit at a time; keep the last outcome that fits."""
        election = self.election

        def selection(budget: Fraction) -> list[str]:
            chosen = self._selection_float(budget)
            return chosen if chosen is not None else self.run(budget).selected

        def exhaustive(selected: list[str]) -> bool:
            spent = election.cost(selected)
            return all(
                spent + election.projects[p].cost > election.budget
                for p in available
                if p not in selected
            )

        selected = selection(per_share)
        while not exhaustive(selected):
            attempt = selection(per_share + 1)
            if election.cost(attempt) > election.budget:
                break
            selected, per_share = attempt, per_share + 1
        return per_share
