"""Shared election files and small builders for the budgeting tests."""

from __future__ import annotations

from fractions import Fraction

from oneworkforce import published_data
from oneworkforce.decisions.budgeting import Ballot, Election, Project

SHARED_FILES = published_data.elections()


def approval(budget: int, costs: dict[str, int], votes: list[str]) -> Election:
    """``votes`` like ``["a,b", "b"]``: one approval ballot per string."""
    return Election(
        meta={"budget": str(budget), "vote_type": "approval"},
        projects={p: Project(p, Fraction(c)) for p, c in costs.items()},
        ballots=[
            Ballot(voter_id=str(n), projects=tuple(x for x in v.split(",") if x))
            for n, v in enumerate(votes, start=1)
        ],
    )
