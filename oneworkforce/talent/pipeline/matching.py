"""How well a person in the talent pool fits a vacancy: a score from 0 to 100 with the plain
reasons behind it. Pure Python (no Django), so it can be tested and reused alone.

The score adds points for each thing that fits — the kind of work wanted, where, the hours, the
distance from home within the person's travel limit, and a vacancy open to newcomers — so meeting
one more criterion never lowers it.
"""

from __future__ import annotations

from dataclasses import dataclass

from oneworkforce.core.geo import Point, haversine_km

WEIGHTS = {"family": 35, "area": 20, "hours": 15, "distance": 20, "entry": 10}
DEFAULT_TRAVEL_KM = 10.0


@dataclass(frozen=True)
class Seeker:
    families: frozenset[str]
    areas: frozenset[str]
    hours: str  # "any" fits every vacancy
    home: Point | None
    travel_km: float | None
    experienced: bool = False


@dataclass(frozen=True)
class Opening:
    job_family: str
    work_area: str
    hours: str
    place: Point | None
    entry_level: bool


@dataclass(frozen=True)
class Fit:
    score: int
    reasons: tuple[str, ...]
    distance_km: float | None


def fit(seeker: Seeker, opening: Opening, *, labels: dict[str, str] | None = None) -> Fit:
    names = labels or {}
    score = 0
    reasons: list[str] = []
    if opening.job_family in seeker.families:
        score += WEIGHTS["family"]
        reasons.append(
            f"Kind of work they want: {names.get(opening.job_family, opening.job_family)}"
        )
    if opening.work_area in seeker.areas:
        score += WEIGHTS["area"]
        reasons.append(
            f"Where they want to work: {names.get(opening.work_area, opening.work_area)}"
        )
    if "any" in (seeker.hours, opening.hours) or seeker.hours == opening.hours:
        score += WEIGHTS["hours"]
        reasons.append("The hours suit")
    km = None
    if seeker.home is not None and opening.place is not None:
        km = haversine_km(*seeker.home, *opening.place)
        limit = seeker.travel_km if seeker.travel_km is not None else DEFAULT_TRAVEL_KM
        if km <= limit:
            score += WEIGHTS["distance"]
            reasons.append(f"{km:.0f} km from home")
    if opening.entry_level or seeker.experienced:
        score += WEIGHTS["entry"]
        if opening.entry_level:
            reasons.append("Open to people new to health and care")
    return Fit(score=score, reasons=tuple(reasons), distance_km=km)
