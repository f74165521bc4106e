"""Rotation problems for tests and the benchmark: a small hand-made one and a seeded generator."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from hypothesis import strategies as st

from oneworkforce.deployments.rotations import (
    HEALTH_SETTINGS,
    SETTINGS,
    SOCIAL_CARE_OR_VCSE_SETTINGS,
    Apprentice,
    Partner,
    Placement,
    Problem,
    Site,
    lottery_order,
)
from oneworkforce.deployments.rotations.model import EARTH_RADIUS_KM

DOCS = Path(__file__).resolve().parents[3] / "docs"
EXAMPLE = DOCS / "examples" / "rotations-small.json"
INPUT_SCHEMA = DOCS / "rotations" / "input.schema.json"
OUTPUT_SCHEMA = DOCS / "rotations" / "output.schema.json"

HEALTH = sorted(HEALTH_SETTINGS)
SOCIAL = sorted(SOCIAL_CARE_OR_VCSE_SETTINGS)
CENTRE = (53.80, -1.55)  # a made-up region about 80 km across


def _offset(rng: np.random.Generator, spread_km: float) -> tuple[float, float]:
    north, east = rng.uniform(-spread_km / 2, spread_km / 2, size=2)
    lat = CENTRE[0] + north / 111.2
    lon = CENTRE[1] + east / (111.2 * math.cos(math.radians(CENTRE[0])))
    return round(float(lat), 5), round(float(lon), 5)


def _split(rng: np.random.Generator, total: int, parts: int) -> list[int]:
    """``total`` places spread over ``parts`` placements, each with at least one."""
    if parts == 0:
        return []
    weights = rng.gamma(2.0, size=parts)
    extra = max(0, total - parts)
    shares = np.floor(weights / weights.sum() * extra).astype(int)
    shares[np.argsort(-weights)[: extra - int(shares.sum())]] += 1
    return [int(s) + 1 for s in shares]


def random_problem(
    seed: int,
    *,
    apprentices: int,
    sites: int,
    blocks: int,
    ranked: int = 8,
    slack: float = 1.15,
    travel_share: float = 0.5,
    ranking_share: float = 0.2,
    supervisor_share: float = 0.3,
    two_placement_share: float = 0.0,
    spread_km: float = 80.0,
) -> Problem:
    """A plan that can usually be filled: enough places in each block (``slack`` times the
    apprentices) and enough social care or VCSE places for everyone; travel limits are never
    tighter than the nearest ``blocks + 2`` sites and the nearest social care or VCSE site."""
    rng = np.random.default_rng(seed)
    social_share = min(0.5, max(0.25, 1.4 / blocks)) if blocks > 1 else 0.25
    n_partners = max(1, sites // 5)
    partners = tuple(Partner(id=f"O{i + 1}", name=f"Partner {i + 1}") for i in range(n_partners))
    site_list: list[Site] = []
    placement_list: list[Placement] = []
    social_sites = max(1, round(sites * social_share))
    per_block = math.ceil(apprentices * slack)
    social_places = _split(rng, round(per_block * social_share), social_sites)
    health_places = _split(rng, per_block - sum(social_places), sites - social_sites)
    places_by_site = social_places + health_places
    for i in range(sites):
        site_id = f"S{i + 1}"
        lat, lon = _offset(rng, spread_km)
        settings = SOCIAL if i < social_sites else HEALTH
        count = 2 if rng.random() < two_placement_share and places_by_site[i] > 1 else 1
        split = _split(rng, places_by_site[i], count) if count == 2 else [places_by_site[i]]
        per_site_blocks = []
        for j, total in enumerate(split):
            places = tuple(int(max(0, total + rng.integers(-1, 2))) for _ in range(blocks))
            per_site_blocks.append(places)
            placement_list.append(
                Placement(
                    id=f"P{i + 1}" + ("" if count == 1 else "abc"[j]),
                    site=site_id,
                    setting=str(rng.choice(settings)),
                    places=places,
                )
            )
        supervisors = None
        if rng.random() < supervisor_share:
            supervisors = tuple(
                max(1, sum(p[b] for p in per_site_blocks) - int(rng.integers(0, 3)))
                for b in range(blocks)
            )
        site_list.append(
            Site(
                id=site_id,
                name=f"Site {i + 1}",
                partner=partners[i % n_partners].id,
                latitude=lat,
                longitude=lon,
                supervisors=supervisors,
            )
        )
    people = _apprentices(
        rng,
        apprentices,
        blocks,
        ranked,
        travel_share,
        spread_km,
        partners,
        site_list,
        placement_list,
    )
    ranking_sites = {s.id for s in site_list if rng.random() < ranking_share}
    final_sites = tuple(
        dataclasses.replace(s, ranking=_site_ranking(rng, s.id, people, placement_list))
        if s.id in ranking_sites
        else s
        for s in site_list
    )
    return Problem(
        blocks=tuple(f"Block {b + 1}" for b in range(blocks)),
        partners=partners,
        sites=final_sites,
        placements=tuple(placement_list),
        apprentices=people,
        seed=seed,
    )


def _apprentices(
    rng: np.random.Generator,
    count: int,
    blocks: int,
    ranked: int,
    travel_share: float,
    spread_km: float,
    partners: tuple[Partner, ...],
    sites: list[Site],
    placements: list[Placement],
) -> tuple[Apprentice, ...]:
    site_of = {s.id: s for s in sites}
    popularity = rng.gamma(1.5, size=len(placements))
    social = np.array([p.setting in SOCIAL_CARE_OR_VCSE_SETTINGS for p in placements])
    where = np.radians(
        [[site_of[p.site].latitude or 0.0, site_of[p.site].longitude or 0.0] for p in placements]
    )
    people = []
    for i in range(count):
        lat, lon = _offset(rng, spread_km)
        home = np.radians([lat, lon])
        h = (
            np.sin((where[:, 0] - home[0]) / 2) ** 2
            + np.cos(home[0]) * np.cos(where[:, 0]) * np.sin((where[:, 1] - home[1]) / 2) ** 2
        )
        distance = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))
        limit: float | None = None
        if rng.random() < travel_share:
            by_site = np.unique(distance)
            needed = max(
                float(by_site[min(len(by_site) - 1, blocks + 2)]),
                float(distance[social].min()) if social.any() else 0.0,
            )
            limit = round(max(float(rng.uniform(15, 40)), needed + 1), 1)
        reach = np.ones(len(placements), bool) if limit is None else distance <= limit
        weight = popularity * np.exp(-distance / 20.0) * reach
        k = min(ranked, int(reach.sum()))
        chosen = rng.choice(len(placements), size=k, replace=False, p=weight / weight.sum())
        people.append(
            Apprentice(
                id=f"A{i + 1}",
                employer=partners[i % len(partners)].id,
                latitude=lat,
                longitude=lon,
                max_travel_km=limit,
                preferences=tuple(placements[j].id for j in chosen),
            )
        )
    return tuple(people)


def _site_ranking(
    rng: np.random.Generator,
    site: str,
    people: tuple[Apprentice, ...],
    placements: list[Placement],
) -> tuple[str, ...]:
    here = {p.id for p in placements if p.site == site}
    keen = [a.id for a in people if here.intersection(a.preferences)]
    rng.shuffle(keen)
    return tuple(keen[: max(1, len(keen) // 2)])


# --- small problems for property tests ------------------------------------------------------


@st.composite
def small_problems(
    draw: st.DrawFn,
    *,
    max_blocks: int = 3,
    max_sites: int = 5,
    max_apprentices: int = 8,
    one_placement_per_site: bool = False,
    supervisors: bool = True,
    roomy: bool = False,
) -> Problem:
    """Small problems of every shape: sites with one or two placements, places 0-3 a block,
    supervisor limits, site rankings, locations on a 20 km square, travel limits. ``roomy``
    ones usually have a plan: 1-3 places everywhere, health and social care or VCSE sites in
    turn, more sites than blocks, travel limits of 15 km or more."""
    blocks = draw(st.integers(1, max_blocks))
    per_block = st.lists(st.integers(1 if roomy else 0, 3), min_size=blocks, max_size=blocks)
    located = st.tuples(st.floats(53.7, 53.88), st.floats(-1.7, -1.4))
    n_sites = draw(st.integers(min(max_sites, blocks + 1) if roomy else 1, max_sites))
    n_apprentices = draw(st.integers(1, max_apprentices))
    apprentice_ids = [f"A{i + 1}" for i in range(n_apprentices)]
    sites, placements = [], []
    for s in range(n_sites):
        where = draw(st.one_of(st.none(), located))
        ranking = draw(st.lists(st.sampled_from(apprentice_ids), unique=True, max_size=4))
        limit = None
        if supervisors and draw(st.booleans()):
            limit = tuple(
                draw(st.lists(st.integers(1 if roomy else 0, 3), min_size=blocks, max_size=blocks))
            )
        sites.append(
            Site(
                id=f"S{s + 1}",
                partner="O1",
                latitude=where[0] if where else None,
                longitude=where[1] if where else None,
                supervisors=limit,
                ranking=tuple(ranking),
            )
        )
        count = 1 if one_placement_per_site else draw(st.integers(1, 2))
        for k in range(count):
            placements.append(
                Placement(
                    id=f"P{s + 1}{'ab'[k]}",
                    site=f"S{s + 1}",
                    setting=draw(st.sampled_from((HEALTH, SOCIAL)[s % 2] if roomy else SETTINGS)),
                    places=tuple(draw(per_block)),
                )
            )
    placement_ids = [p.id for p in placements]
    apprentices = []
    for ident in apprentice_ids:
        where = draw(st.one_of(st.none(), located))
        apprentices.append(
            Apprentice(
                id=ident,
                employer="O1",
                latitude=where[0] if where else None,
                longitude=where[1] if where else None,
                max_travel_km=draw(st.one_of(st.none(), st.floats(15.0 if roomy else 2.0, 25.0))),
                preferences=tuple(
                    draw(st.lists(st.sampled_from(placement_ids), unique=True, max_size=4))
                ),
            )
        )
    return Problem(
        blocks=tuple(f"Block {b + 1}" for b in range(blocks)),
        partners=(Partner(id="O1"),),
        sites=tuple(sites),
        placements=tuple(placements),
        apprentices=tuple(apprentices),
        seed=draw(st.integers(0, 2**32)),
    )


# --- independent checks (no engine code) ----------------------------------------------------


def broken_rules(
    problem: Problem, assignment: Mapping[tuple[str, int], str], *, block: int | None = None
) -> list[str]:
    """Every hard rule a plan breaks, worked out here from the input alone: a complete plan,
    or one ``block`` where apprentices may have no placement."""
    broken = []
    placement = {p.id: p for p in problem.placements}
    site = {s.id: s for s in problem.sites}
    blocks = range(1, len(problem.blocks) + 1) if block is None else [block]
    if any(b not in blocks for _, b in assignment):
        broken.append("a block outside the plan")
    for a in problem.apprentices:
        mine = [assignment.get((a.id, b)) for b in blocks]
        if None in mine and block is None:
            broken.append(f"{a.id} unplaced")
        chosen = [placement[p] for p in mine if p is not None]
        if len({p.site for p in chosen}) < len(chosen):
            broken.append(f"{a.id} site twice")
        if (
            block is None
            and len(chosen) >= 2
            and not (
                any(p.setting in HEALTH_SETTINGS for p in chosen)
                and any(p.setting in SOCIAL_CARE_OR_VCSE_SETTINGS for p in chosen)
            )
        ):
            broken.append(f"{a.id} setting mix")
        for p in chosen:
            s = site[p.site]
            if (
                a.max_travel_km is not None
                and a.latitude is not None
                and a.longitude is not None
                and s.latitude is not None
                and s.longitude is not None
                and _km(a.latitude, a.longitude, s.latitude, s.longitude) > a.max_travel_km
            ):
                broken.append(f"{a.id} travel to {p.id}")
    for b in blocks:
        taken = [assignment[key] for key in assignment if key[1] == b]
        for p in problem.placements:
            if taken.count(p.id) > p.places[b - 1]:
                broken.append(f"{p.id} over places in block {b}")
        for s in problem.sites:
            here = sum(1 for p in taken if placement[p].site == s.id)
            if s.supervisors is not None and here > s.supervisors[b - 1]:
                broken.append(f"{s.id} over supervisors in block {b}")
    return broken


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine again, written out separately from the engine's."""
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * r * math.asin(math.sqrt(min(1.0, a)))


def site_order(problem: Problem, site: str) -> list[str]:
    """Apprentice ids in the order ``site`` wants them: its ranking, then the lottery."""
    ranking = next(s.ranking for s in problem.sites if s.id == site)
    drawn = lottery_order(problem)
    return list(ranking) + [a for a in drawn if a not in ranking]


def within_reach(problem: Problem, apprentice: str, placement: str) -> bool:
    a = next(x for x in problem.apprentices if x.id == apprentice)
    p = next(x for x in problem.placements if x.id == placement)
    s = next(x for x in problem.sites if x.id == p.site)
    if a.max_travel_km is None or None in (a.latitude, a.longitude, s.latitude, s.longitude):
        return True
    assert a.latitude is not None and a.longitude is not None
    assert s.latitude is not None and s.longitude is not None
    return _km(a.latitude, a.longitude, s.latitude, s.longitude) <= a.max_travel_km
