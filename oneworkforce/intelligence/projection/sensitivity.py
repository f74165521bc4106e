"""Which assumptions matter: each interval's low and high ends, one at a time, against the gap
at the horizon (expected values; every other assumption at its point value)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .runner import Model
from .scenario import Scenario


@dataclass(frozen=True)
class Swing:
    """The gap at the horizon (demand less supply, FTE, for ``dimension``/``key``) with one
    assumption at the low and at the high end of its interval, and with all at their points."""

    label: str
    parameter: str
    low: float
    high: float
    probability: float
    base: float
    at_low: float
    at_high: float

    @property
    def swing(self) -> float:
        return abs(self.at_high - self.at_low)


def _gap(scenario: Scenario, dimension: str, key: tuple[str, ...]) -> float:
    result = Model(scenario).project(runs=0)
    return float(result.gap(result.group(dimension, *key)).fte[-1])


def sensitivity(scenario: Scenario, dimension: str = "total", *key: str) -> list[Swing]:
    """The intervals of positive width, largest swing of the horizon gap first (a tornado).
    Raises ``ScenarioError`` if the scenario is not valid."""
    base = _gap(scenario, dimension, key)
    rows = []
    for i, item in enumerate(scenario.uncertainty):
        if item.width <= 0:
            continue
        ends = []
        for value in (item.low, item.high):
            fixed = tuple(
                replace(other, low=value, high=value) if j == i else other
                for j, other in enumerate(scenario.uncertainty)
            )
            ends.append(_gap(replace(scenario, uncertainty=fixed), dimension, key))
        rows.append(
            Swing(
                item.label(),
                item.parameter,
                item.low,
                item.high,
                item.probability,
                base,
                ends[0],
                ends[1],
            )
        )
    return sorted(rows, key=lambda row: -row.swing)
