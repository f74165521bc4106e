"""A generated approval election of a given size, reproducible from a seed."""

from __future__ import annotations

import random
from fractions import Fraction

from oneworkforce.decisions.budgeting import Ballot, Election, Project


def approval_election(voters: int, projects: int, *, seed: int = 1) -> Election:
    rng = random.Random(seed)
    ids = [str(n) for n in range(1, projects + 1)]
    costs = {p: Fraction(rng.randrange(10_000, 200_000, 500)) for p in ids}
    popularity = [rng.random() ** 2 + 0.02 for _ in ids]
    ballots = []
    for voter in range(1, voters + 1):
        size = rng.randint(1, 6)
        chosen = set(rng.choices(ids, weights=popularity, k=size))
        ballots.append(Ballot(voter_id=str(voter), projects=tuple(sorted(chosen))))
    budget = sum(costs.values()) // 4
    return Election(
        meta={"budget": str(budget), "vote_type": "approval", "description": "generated"},
        projects={p: Project(p, costs[p]) for p in ids},
        ballots=ballots,
    )
