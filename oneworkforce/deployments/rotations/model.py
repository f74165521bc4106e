"""The rotation problem: partners, sites, placements, apprentices, blocks and overrides.

A **placement** is one site's offer of places for apprentices, with a setting type and a number
of places in each block of the plan (0 where it is not offered). A **site** belongs to a partner,
may have a location, may limit how many apprentices its supervisors can take in each block, and
may rank apprentices. Blocks are numbered from 1. Constructing a :class:`Problem` checks it and
raises :class:`RotationInputError` with every problem found.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

SETTINGS = (
    "acute",
    "community",
    "mental_health",
    "primary_care",
    "adult_social_care",
    "vcse",
)
HEALTH_SETTINGS = frozenset({"acute", "community", "mental_health", "primary_care"})
SOCIAL_CARE_OR_VCSE_SETTINGS = frozenset({"adult_social_care", "vcse"})
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


class RotationInputError(ValueError):
    """The input is not valid. ``messages`` each name the item at fault."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


@dataclass(frozen=True)
class Partner:
    id: str
    name: str = ""


@dataclass(frozen=True)
class Site:
    """``supervisors``: the most apprentices the site's supervisors can take in each block
    (``None``: no limit beyond the places). ``ranking``: apprentice ids the site wants most
    first; apprentices it does not rank come after them, in lottery order."""

    id: str
    partner: str
    name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    supervisors: tuple[int, ...] | None = None
    ranking: tuple[str, ...] = ()

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class Placement:
    """``places``: the number of places in each block (index 0 is block 1)."""

    id: str
    site: str
    setting: str
    places: tuple[int, ...]
    name: str = ""

    @property
    def is_health(self) -> bool:
        return self.setting in HEALTH_SETTINGS

    @property
    def is_social_care_or_vcse(self) -> bool:
        return self.setting in SOCIAL_CARE_OR_VCSE_SETTINGS


@dataclass(frozen=True)
class Apprentice:
    """``preferences``: placement ids, first choice first. ``max_travel_km``: the furthest
    (straight-line) distance from home the apprentice will travel; no limit when it, the home
    or the site's location is unknown. ``eligible``: the only placements they may be given
    (``None``: any), for callers whose placements take only some people (a student's
    profession, for example)."""

    id: str
    preferences: tuple[str, ...] = ()
    employer: str | None = None
    name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    max_travel_km: float | None = None
    eligible: tuple[str, ...] | None = None

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class Override:
    """A coordinator's decision: this apprentice goes to this placement in this block."""

    apprentice: str
    block: int
    placement: str
    reason: str


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres on a sphere of the Earth's mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Problem:
    """A plan of ``len(blocks)`` blocks (``blocks`` holds their labels)."""

    blocks: tuple[str, ...]
    sites: tuple[Site, ...]
    placements: tuple[Placement, ...]
    apprentices: tuple[Apprentice, ...]
    partners: tuple[Partner, ...] = ()
    overrides: tuple[Override, ...] = ()
    seed: int = 0

    def __post_init__(self) -> None:
        from .validation import problems_in  # late: validation imports this module

        messages = problems_in(self)
        if messages:
            raise RotationInputError(messages)

    # --- lookups ------------------------------------------------------------------------------

    @property
    def block_numbers(self) -> range:
        return range(1, len(self.blocks) + 1)

    @cached_property
    def site(self) -> dict[str, Site]:
        return {s.id: s for s in self.sites}

    @cached_property
    def placement(self) -> dict[str, Placement]:
        return {p.id: p for p in self.placements}

    @cached_property
    def apprentice(self) -> dict[str, Apprentice]:
        return {a.id: a for a in self.apprentices}

    @cached_property
    def placements_at(self) -> dict[str, tuple[Placement, ...]]:
        found: dict[str, list[Placement]] = {s.id: [] for s in self.sites}
        for p in self.placements:
            found[p.site].append(p)
        return {site: tuple(ps) for site, ps in found.items()}

    def places(self, placement: str, block: int) -> int:
        return self.placement[placement].places[block - 1]

    def supervisors(self, site: str, block: int) -> int | None:
        limit = self.site[site].supervisors
        return None if limit is None else limit[block - 1]

    def override_for(self, apprentice: str, block: int) -> Override | None:
        return self._overrides.get((apprentice, block))

    @cached_property
    def _overrides(self) -> dict[tuple[str, int], Override]:
        return {(o.apprentice, o.block): o for o in self.overrides}

    def choice(self, apprentice: str, placement: str) -> int | None:
        """1 for the apprentice's first choice; ``None`` if they did not rank it."""
        return self._choices[apprentice].get(placement)

    @cached_property
    def _choices(self) -> dict[str, dict[str, int]]:
        return {a.id: {p: i + 1 for i, p in enumerate(a.preferences)} for a in self.apprentices}

    # --- travel -------------------------------------------------------------------------------

    def distance_km(self, apprentice: str, placement: str) -> float | None:
        """Straight-line distance from home to the placement's site, if both are located."""
        a = self.apprentice[apprentice]
        s = self.site[self.placement[placement].site]
        if a.latitude is None or a.longitude is None or s.latitude is None or s.longitude is None:
            return None
        return haversine_km(a.latitude, a.longitude, s.latitude, s.longitude)

    def within_travel(self, apprentice: str, placement: str) -> bool:
        limit = self.apprentice[apprentice].max_travel_km
        if limit is None:
            return True
        distance = self.distance_km(apprentice, placement)
        return distance is None or distance <= limit

    def is_eligible(self, apprentice: str, placement: str) -> bool:
        """Whether the apprentice may be given the placement at all (their ``eligible`` list)."""
        allowed = self._eligible[apprentice]
        return allowed is None or placement in allowed

    @cached_property
    def _eligible(self) -> dict[str, frozenset[str] | None]:
        return {
            a.id: None if a.eligible is None else frozenset(a.eligible) for a in self.apprentices
        }

    def can_take(self, apprentice: str, placement: str) -> bool:
        """Eligible for the placement and within the travel limit."""
        return self.is_eligible(apprentice, placement) and self.within_travel(apprentice, placement)

    def reachable(self, apprentice: str) -> Iterator[Placement]:
        """Placements the apprentice is eligible for within their travel limit (all of them if
        there is neither a list nor a limit)."""
        allowed = self.apprentice[apprentice].eligible
        pool = self.placements if allowed is None else (self.placement[p] for p in allowed)
        return (p for p in pool if self.within_travel(apprentice, p.id))

    def label(self, block: int) -> str:
        return self.blocks[block - 1]
