"""Checks that a problem makes sense: ids unique, every reference known, numbers in range.

Each message names the item at fault (``apprentice A7: ...``, ``site S3: ...``). Checks that the
plan can be filled at all are in :mod:`.feasibility`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .model import SETTINGS

if TYPE_CHECKING:  # for types only: model imports this module inside Problem
    from .model import Problem


def _duplicates(kind: str, ids: Iterable[str]) -> list[str]:
    counts = Counter(ids)
    return [f"{kind} id {i!r} is used {n} times" for i, n in counts.items() if n > 1]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _per_block(what: str, values: Sequence[int], blocks: int) -> list[str]:
    found = []
    if len(values) != blocks:
        found.append(
            f"{what} has {len(values)} number(s) but the plan has {blocks} block(s);"
            " give one number for each block"
        )
    for i, value in enumerate(values, start=1):
        if not _is_int(value) or value < 0:
            found.append(f"{what} in block {i} must be a whole number, 0 or more, not {value!r}")
    return found


def _location(what: str, latitude: float | None, longitude: float | None) -> list[str]:
    if (latitude is None) != (longitude is None):
        return [f"{what}: give both latitude and longitude, or neither"]
    found = []
    if latitude is not None and not (
        isinstance(latitude, int | float) and math.isfinite(latitude) and -90 <= latitude <= 90
    ):
        found.append(f"{what}: latitude must be between -90 and 90, not {latitude!r}")
    if longitude is not None and not (
        isinstance(longitude, int | float) and math.isfinite(longitude) and -180 <= longitude <= 180
    ):
        found.append(f"{what}: longitude must be between -180 and 180, not {longitude!r}")
    return found


def _unknown_or_repeated(
    what: str, field: str, noun: str, ids: Sequence[str], known: set[str]
) -> list[str]:
    found = [f"{what}: {field} names unknown {noun} {i!r}" for i in ids if i not in known]
    found += [f"{what}: {field} names {i!r} {n} times" for i, n in Counter(ids).items() if n > 1]
    return found


def problems_in(problem: Problem) -> list[str]:
    """Every problem found in ``problem`` (an empty list when it is valid)."""
    found: list[str] = []
    blocks = len(problem.blocks)
    if blocks == 0:
        found.append("the plan needs at least one block")
    if not _is_int(problem.seed) or problem.seed < 0:
        found.append(f"seed must be a whole number, 0 or more, not {problem.seed!r}")
    found += _duplicates("partner", (p.id for p in problem.partners))
    found += _duplicates("site", (s.id for s in problem.sites))
    found += _duplicates("placement", (p.id for p in problem.placements))
    found += _duplicates("apprentice", (a.id for a in problem.apprentices))
    partners = {p.id for p in problem.partners}
    sites = {s.id for s in problem.sites}
    placements = {p.id for p in problem.placements}
    apprentices = {a.id for a in problem.apprentices}
    for site in problem.sites:
        what = f"site {site.id}"
        if partners and site.partner not in partners:
            found.append(f"{what}: partner {site.partner!r} is not in the partners list")
        found += _location(what, site.latitude, site.longitude)
        if site.supervisors is not None:
            found += _per_block(f"{what}: supervisors", site.supervisors, blocks)
        found += _unknown_or_repeated(what, "ranking", "apprentice", site.ranking, apprentices)
    for placement in problem.placements:
        what = f"placement {placement.id}"
        if placement.site not in sites:
            found.append(f"{what}: site {placement.site!r} is not in the sites list")
        if placement.setting not in SETTINGS:
            found.append(
                f"{what}: setting {placement.setting!r} is not one of {', '.join(SETTINGS)}"
            )
        found += _per_block(f"{what}: places", placement.places, blocks)
    for apprentice in problem.apprentices:
        what = f"apprentice {apprentice.id}"
        if partners and apprentice.employer is not None and apprentice.employer not in partners:
            found.append(f"{what}: employer {apprentice.employer!r} is not in the partners list")
        found += _location(what, apprentice.latitude, apprentice.longitude)
        limit = apprentice.max_travel_km
        if limit is not None and not (
            isinstance(limit, int | float) and math.isfinite(limit) and limit > 0
        ):
            found.append(f"{what}: max_travel_km must be a number above 0, not {limit!r}")
        found += _unknown_or_repeated(
            what, "preferences", "placement", apprentice.preferences, placements
        )
        if apprentice.eligible is not None:
            found += _unknown_or_repeated(
                what, "eligible", "placement", apprentice.eligible, placements
            )
    found += _override_problems(problem, apprentices, placements)
    return found


def _override_problems(problem: Problem, apprentices: set[str], placements: set[str]) -> list[str]:
    found = []
    seen: set[tuple[str, int]] = set()
    for n, override in enumerate(problem.overrides, start=1):
        what = f"override {n} (apprentice {override.apprentice}, block {override.block})"
        if override.apprentice not in apprentices:
            found.append(f"{what}: apprentice {override.apprentice!r} is not in the list")
        if override.placement not in placements:
            found.append(f"{what}: placement {override.placement!r} is not in the list")
        if not _is_int(override.block) or not 1 <= override.block <= len(problem.blocks):
            found.append(
                f"{what}: block must be from 1 to {len(problem.blocks)}, not {override.block!r}"
            )
        if not override.reason.strip():
            found.append(f"{what}: give a reason for the override")
        key = (override.apprentice, override.block)
        if key in seen:
            found.append(f"{what}: this apprentice already has an override for this block")
        seen.add(key)
    return found
