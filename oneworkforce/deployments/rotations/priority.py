"""How sites order apprentices: their own ranking first, then a seeded lottery.

Every apprentice draws one lottery number from the problem's seed and their id (a keyed BLAKE2b
hash), so the draw does not depend on the order of the input, and adding an apprentice does not
reshuffle the others. One draw serves every site. A site that ranks apprentices puts them first,
in its order; everyone else follows in lottery order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from .model import Problem


def lottery_number(seed: int, apprentice: str) -> int:
    digest = hashlib.blake2b(
        apprentice.encode("utf-8"), digest_size=8, key=str(seed).encode("ascii")
    ).digest()
    return int.from_bytes(digest, "big")


def lottery_order(problem: Problem) -> list[str]:
    """Apprentice ids in lottery order (first drawn first)."""
    return sorted(
        (a.id for a in problem.apprentices),
        key=lambda i: (lottery_number(problem.seed, i), i),
    )


class Priorities:
    """``rank(site, apprentice)``: 0 for the apprentice a site wants most, then 1, 2, ..."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.ids = [a.id for a in problem.apprentices]
        index = {a: i for i, a in enumerate(self.ids)}
        self.index = index
        self.drawn = [0] * len(self.ids)
        for position, ident in enumerate(lottery_order(problem)):
            self.drawn[index[ident]] = position
        self._by_site: dict[str, list[int]] = {}

    def by_index(self, site: str) -> list[int]:
        """The site's rank of every apprentice, by their position in the input."""
        ranks = self._by_site.get(site)
        if ranks is None:
            ranking: Sequence[str] = self.problem.site[site].ranking
            if not ranking:
                ranks = self.drawn
            else:
                offset = len(ranking)
                ranks = [offset + d for d in self.drawn]
                for position, ident in enumerate(ranking):
                    ranks[self.index[ident]] = position
            self._by_site[site] = ranks
        return ranks

    def rank(self, site: str, apprentice: str) -> int:
        return self.by_index(site)[self.index[apprentice]]

    def by_ranking(self, site: str, higher: str, lower: str) -> bool:
        """Whether the site's own ranking (not the lottery) puts ``higher`` before ``lower``."""
        ranks = self.by_index(site)
        mine = ranks[self.index[higher]]
        return mine < len(self.problem.site[site].ranking) and mine < ranks[self.index[lower]]
