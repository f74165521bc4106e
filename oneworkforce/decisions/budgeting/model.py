"""An election: projects with costs, ballots, a budget."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

VOTE_TYPES = ("approval", "cumulative", "scoring", "ordinal", "choose-1")


@dataclass(frozen=True)
class Project:
    id: str
    cost: Fraction
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Ballot:
    """One voter's ballot. ``projects`` in the order given (the ranking for ordinal ballots);
    ``points`` parallel to it for cumulative and scoring ballots."""

    voter_id: str
    projects: tuple[str, ...]
    points: tuple[Fraction, ...] | None = None
    weight: Fraction = Fraction(1)
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Election:
    meta: dict[str, str]
    projects: dict[str, Project]
    ballots: list[Ballot]

    @property
    def budget(self) -> Fraction:
        return Fraction(self.meta["budget"])

    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval")

    def cost(self, project_ids: list[str] | tuple[str, ...]) -> Fraction:
        return sum((self.projects[p].cost for p in project_ids), Fraction(0))
