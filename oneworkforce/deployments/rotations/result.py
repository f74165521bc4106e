"""What an allocation returns: the assignment, the solver's figures and the explanations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# (apprentice id, block number) -> placement id; a missing key means no placement.
Assignment = Mapping[tuple[str, int], str]

PLAN_STATUSES = ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN")
BLOCK_STATUS = "STABLE"


@dataclass(frozen=True)
class Costs:
    """``worst``: the highest cost of any one apprentice; ``total``: the sum over apprentices.
    An apprentice's cost is the sum, over the blocks allocated, of the choice number of each
    placement they get (1 for a first choice), with ``unranked_cost`` for one they did not rank
    (and for no placement)."""

    worst: int
    total: int


@dataclass(frozen=True)
class PassedOver:
    """A choice ranked above the placement given, and why the apprentice did not get it.

    ``reason`` is one of ``not_eligible``, ``travel``, ``no_places``, ``same_site``, ``full``,
    ``supervisors``, ``setting_mix`` or ``not_improved`` (the search stopped before it could
    do better)."""

    placement: str
    choice: int
    reason: str
    text: str


@dataclass(frozen=True)
class Explanation:
    apprentice: str
    block: int
    placement: str | None
    choice: int | None
    override: str | None
    text: str
    passed_over: tuple[PassedOver, ...]


@dataclass(frozen=True)
class Violation:
    """A hard rule a plan breaks. ``rule`` is one of ``unknown``, ``unplaced``, ``no_places``,
    ``capacity``, ``supervisors``, ``same_site``, ``setting_mix``, ``eligibility`` or ``travel``."""

    rule: str
    message: str
    apprentice: str | None = None
    block: int | None = None
    placement: str | None = None


@dataclass(frozen=True)
class Allocation:
    """``method`` is ``plan`` (CP-SAT over every block) or ``block`` (deferred acceptance in
    one block). ``status``: ``OPTIMAL``, ``FEASIBLE``, ``INFEASIBLE`` or ``UNKNOWN`` for a plan;
    ``STABLE`` for a block. ``problems`` says why there is no plan. ``stopped_by`` is
    ``finished``, ``time_limit`` or ``work_limit``; only ``time_limit`` can make two runs with
    the same input and seed differ."""

    method: str
    blocks: tuple[int, ...]
    seed: int
    status: str
    assignment: dict[tuple[str, int], str]
    unranked_cost: int
    objective: Costs | None = None
    best_bound: Costs | None = None
    stopped_by: str = "finished"
    seconds: float = 0.0
    problems: tuple[str, ...] = ()
    explanations: tuple[Explanation, ...] = ()

    @property
    def succeeded(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE", BLOCK_STATUS)

    @property
    def gap(self) -> tuple[float, float] | None:
        """Relative gaps (worst, total): (objective - bound) / max(1, objective)."""
        if self.objective is None or self.best_bound is None:
            return None
        return (
            _gap(self.objective.worst, self.best_bound.worst),
            _gap(self.objective.total, self.best_bound.total),
        )


def _gap(value: int, bound: int) -> float:
    return max(0.0, (value - bound) / max(1, abs(value)))
