"""Students' placements in one block, by the rotation engine (:mod:`oneworkforce.deployments.
rotations`). Pure Python, no Django: the web app, the command line and the benchmark share it.

1. **Options.** Each student may take an offer for their profession and year of study at an
   environment within their journey time (straight-line distance at ``KM_PER_MINUTE``; an
   environment or a home with no known location is taken as within reach), restricted to the
   settings their programme still needs when the caller says so (or, softly, with the
   settings the year's plan gives them now listed first: :mod:`.yearplan`). The nearest
   ``NEAREST`` options, nearest first, are the student's list (never an environment of one
   of their other placements): the engine's ``eligible`` list and their preferences (so a
   student's cost is how far down the nearest-first list they are placed).
2. **Fair share.** Where a profession's students outnumber its places, the places are shared
   between education providers in proportion to the students each asked places for (largest
   remainders; ties by provider id), and each provider's students are drawn by the engine's
   seeded lottery. Students not drawn are unmet demand, with the reason.
3. **Allocation.** CP-SAT (``rotations.allocate_plan`` on a one-block plan): every rule hard
   (places, supervisors' limits, the lists); the worst-off student's cost first, then the
   total. When no plan places every drawn student, deferred acceptance
   (``rotations.allocate_block``) places as many as it stably can and CP-SAT then improves the
   plan for those placed; the others are unmet, with the reason.
4. **Why here**, for each placement, from the engine's explanation of the nearer options.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from oneworkforce.deployments import rotations
from oneworkforce.deployments.rotations.priority import lottery_number

KM_PER_MINUTE = 0.5  # 30 km/h door to door: a journey-time limit as a straight-line distance
NEAREST = 12  # options per student
# Our settings as the rotation engine names them (it knows six).
ENGINE_SETTING = {
    "acute": "acute",
    "community": "community",
    "mental_health": "mental_health",
    "primary_care": "primary_care",
    "care_home": "adult_social_care",
    "home_care": "adult_social_care",
    "hospice": "vcse",
    "voluntary": "vcse",
}

NOT_DRAWN = "not_drawn"
NO_OPTIONS = "no_options"
FULL = "full"


@dataclass(frozen=True)
class Environment:
    id: str
    name: str
    partner: str
    setting: str
    latitude: float | None = None
    longitude: float | None = None
    supervision: int | None = None  # students its supervisors can take at once
    setting_label: str = ""


@dataclass(frozen=True)
class Offer:
    id: str
    environment: str
    profession: str
    places: int
    years: tuple[int, ...] = (1, 2, 3, 4)


@dataclass(frozen=True)
class Student:
    id: str
    provider: str
    profession: str
    year: int
    name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    max_travel_minutes: int = 60
    needs_settings: tuple[str, ...] = ()  # one of these settings now (the programme's mix)
    # Options in these settings first (the year's plan gives them the programme's mix now).
    prefers_settings: tuple[str, ...] = ()
    fixed_offer: str | None = None  # a coordinator's placement kept by this run
    been_at: tuple[str, ...] = ()  # environments of their other placements: not again
    programme: str = ""


@dataclass(frozen=True)
class BlockInput:
    label: str
    environments: tuple[Environment, ...]
    offers: tuple[Offer, ...]
    students: tuple[Student, ...]
    seed: int = 0


@dataclass(frozen=True)
class Placed:
    student: str
    offer: str
    environment: str
    distance_km: float | None
    choice: int
    why: str


@dataclass(frozen=True)
class Share:
    """A provider's share of one profession's places when demand was above them."""

    provider: str
    profession: str
    asked: int
    share: int


@dataclass
class BlockResult:
    status: str
    method: str
    placed: list[Placed]
    unmet: dict[str, str]  # student id -> why not placed
    shares: list[Share] = field(default_factory=list)
    worst: int | None = None
    total: int | None = None
    worst_bound: int | None = None
    total_bound: int | None = None
    problems: tuple[str, ...] = ()


def distance_km(student: Student, environment: Environment) -> float | None:
    if None in (student.latitude, student.longitude, environment.latitude, environment.longitude):
        return None
    return rotations.haversine_km(
        student.latitude,  # type: ignore[arg-type]
        student.longitude,  # type: ignore[arg-type]
        environment.latitude,  # type: ignore[arg-type]
        environment.longitude,  # type: ignore[arg-type]
    )


def _km_matrix(
    students: Sequence[Student], places: Sequence[Environment]
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Great-circle distances (km) from each student's home to each place, by the rotation
    engine's formula; NaN where either location is unknown."""
    radius = rotations.model.EARTH_RADIUS_KM

    def radians(values: list[float | None]) -> np.ndarray[Any, np.dtype[np.float64]]:
        found: np.ndarray[Any, np.dtype[np.float64]] = np.radians(
            np.array([np.nan if v is None else v for v in values], dtype=float)
        )
        return found

    lat1 = radians([s.latitude for s in students])[:, None]
    lon1 = radians([s.longitude for s in students])[:, None]
    lat2 = radians([p.latitude for p in places])[None, :]
    lon2 = radians([p.longitude for p in places])[None, :]
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    km: np.ndarray[Any, np.dtype[np.float64]] = 2 * radius * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return km


def options(data: BlockInput) -> dict[str, list[tuple[float, str]]]:
    """``{student id: [(distance or inf, offer id), ...]}``, nearest first (ties by offer id),
    at most ``NEAREST``; a student's fixed offer is always on their list. Distances are
    worked out a profession at a time, as one matrix."""
    environment = {e.id: e for e in data.environments}
    by_profession: dict[str, list[Offer]] = defaultdict(list)
    for offer in data.offers:
        if offer.places > 0:
            by_profession[offer.profession].append(offer)
    people: dict[str, list[Student]] = defaultdict(list)
    for student in data.students:
        people[student.profession].append(student)
    found: dict[str, list[tuple[float, str]]] = {}
    for profession, group in people.items():
        offers = sorted(by_profession.get(profession, ()), key=lambda o: o.id)
        if offers:
            km = _km_matrix(group, [environment[o.environment] for o in offers])
            years = np.array([[y in o.years for y in range(1, 5)] for o in offers], dtype=bool)
            settings = np.array([environment[o.environment].setting for o in offers])
            places = np.array([o.environment for o in offers])
        for row, student in enumerate(group):
            listed: list[tuple[float, str]] = []
            if offers:
                distance = np.where(np.isnan(km[row]), np.inf, km[row])
                year = years[:, min(max(student.year, 1), 4) - 1]
                reach = student.max_travel_minutes * KM_PER_MINUTE
                keep = year & ((distance <= reach) | np.isinf(distance))
                if student.needs_settings:
                    keep &= np.isin(settings, list(student.needs_settings))
                if student.been_at:
                    keep &= ~np.isin(places, list(student.been_at))
                index = np.flatnonzero(keep)
                order = np.argsort(distance[index], kind="stable")
                if student.prefers_settings:
                    first = np.isin(settings[index[order]], list(student.prefers_settings))
                    order = np.concatenate([order[first], order[~first]])
                nearest = index[order[:NEAREST]]
                listed = [(float(distance[k]), offers[k].id) for k in nearest]
            if student.fixed_offer and all(o != student.fixed_offer for _, o in listed):
                listed.insert(0, (0.0, student.fixed_offer))
            found[student.id] = listed
    return found


def largest_remainders(places: int, asked: dict[str, int]) -> dict[str, int]:
    """``places`` shared in proportion to ``asked`` (Hamilton's method), never more than
    asked; leftover places (from the cap) go on by the same rule."""
    share = dict.fromkeys(asked, 0)
    left = min(places, sum(asked.values()))
    while left > 0:
        want = {k: asked[k] - share[k] for k in asked if asked[k] > share[k]}
        total = sum(want.values())
        exact = {k: left * v / total for k, v in want.items()}
        given = {k: min(want[k], math.floor(x)) for k, x in exact.items()}
        rest = left - sum(given.values())
        for k in sorted(want, key=lambda k: (-(exact[k] - math.floor(exact[k])), k))[:rest]:
            given[k] += 1
        for k, n in given.items():
            share[k] += n
        left -= sum(given.values())
    return share


def fair_share(
    data: BlockInput, reach: dict[str, list[tuple[float, str]]]
) -> tuple[set[str], list[Share]]:
    """The students drawn for places, and each provider's share where a profession's places
    fell short of its students (see the module)."""
    places: Counter[str] = Counter()
    supervision = {e.id: e.supervision for e in data.environments}
    per_environment: Counter[tuple[str, str]] = Counter()
    for offer in data.offers:
        per_environment[offer.environment, offer.profession] += offer.places
    for (environment, profession), count in per_environment.items():
        limit = supervision[environment]
        places[profession] += count if limit is None else min(count, limit)
    groups: dict[str, dict[str, list[Student]]] = defaultdict(lambda: defaultdict(list))
    for student in data.students:
        if reach[student.id]:
            groups[student.profession][student.provider].append(student)
    drawn: set[str] = set()
    shares = []
    for profession, providers in sorted(groups.items()):
        asked = {p: len(s) for p, s in providers.items()}
        if sum(asked.values()) <= places[profession]:
            drawn |= {s.id for group in providers.values() for s in group}
            continue
        share = largest_remainders(places[profession], asked)
        for provider, group in sorted(providers.items()):
            shares.append(Share(provider, profession, asked[provider], share[provider]))
            order = sorted(
                group,
                key=lambda s: (s.fixed_offer is None, lottery_number(data.seed, s.id), s.id),
            )
            drawn |= {s.id for s in order[: share[provider]]}
    return drawn, shares


def _problem(
    data: BlockInput, reach: dict[str, list[tuple[float, str]]], people: Sequence[Student]
) -> rotations.Problem:
    offers = {o.id: o for o in data.offers}
    setting = {e.id: e.setting for e in data.environments}
    return rotations.Problem(
        blocks=(data.label,),
        sites=tuple(
            rotations.Site(
                e.id,
                e.partner,
                name=e.name,
                supervisors=None if e.supervision is None else (e.supervision,),
            )
            for e in data.environments
        ),
        placements=tuple(
            rotations.Placement(
                o.id, o.environment, ENGINE_SETTING[setting[o.environment]], (o.places,)
            )
            for o in offers.values()
        ),
        apprentices=tuple(
            rotations.Apprentice(
                s.id,
                preferences=tuple(o for _, o in reach[s.id]),
                eligible=tuple(o for _, o in reach[s.id]),
                name=s.name,
            )
            for s in people
        ),
        overrides=tuple(
            rotations.Override(s.id, 1, s.fixed_offer, "kept by the coordinator")
            for s in people
            if s.fixed_offer
        ),
        seed=data.seed,
    )


REASONS = {
    "full": "was full",
    "supervisors": "had no supervisor free",
    "no_places": "had no places",
    "not_improved": "was given to a student with a longer journey otherwise",
}


def _km(value: float) -> str:
    return "an unknown distance" if math.isinf(value) else f"{value:.1f} km"


@dataclass(frozen=True)
class _Index:
    environment: dict[str, Environment]
    offer: dict[str, Offer]

    @classmethod
    def of(cls, data: BlockInput) -> _Index:
        return cls({e.id: e for e in data.environments}, {o.id: o for o in data.offers})


def why_here(
    index: _Index,
    student: Student,
    listed: list[tuple[float, str]],
    offer: str,
    passed: Sequence[rotations.PassedOver],
) -> str:
    offers = {o: d for d, o in listed}
    place = index.environment[index.offer[offer].environment]
    choice = next(n for n, (_, o) in enumerate(listed, start=1) if o == offer)
    kind = place.setting_label or place.setting.replace("_", " ")
    if student.fixed_offer == offer:
        head = f"{place.name} was chosen for you by the placements coordinator."
    elif choice == 1:
        head = (
            f"{place.name} ({kind}) is the nearest placement"
            f" for your programme with room, {_km(offers[offer])} from your home."
        )
    else:
        head = (
            f"{place.name} ({kind}) is {_km(offers[offer])}"
            f" from your home: the {rotations.ordinal(choice)} nearest of the"
            f" {len(listed)} placements for your programme within your"
            f" {student.max_travel_minutes}-minute journey."
        )
    if student.needs_settings:
        head += " Your programme needs a placement in this kind of setting this year."
    elif place.setting in student.prefers_settings:
        head += (
            " Your programme needs a placement in this kind of setting during the year, and"
            " the year's plan gives it to you in this block, so these placements came first."
        )
    nearer = []
    for item in passed[:3]:
        other = index.environment[index.offer[item.placement].environment]
        nearer.append(f"{other.name} {REASONS.get(item.reason, 'could not take you')}")
    if nearer:
        head += " Nearer: " + "; ".join(nearer) + "."
    return head


def _costs(allocation: rotations.Allocation) -> dict[str, int | None]:
    objective, bound = allocation.objective, allocation.best_bound
    return {
        "worst": objective.worst if objective else None,
        "total": objective.total if objective else None,
        "worst_bound": bound.worst if bound else None,
        "total_bound": bound.total if bound else None,
    }


def allocate(
    data: BlockInput, *, time_limit: float = 20.0, work_limit: float | None = None
) -> BlockResult:
    """Every student of ``data`` placed or told why not (see the module)."""
    reach = options(data)
    drawn, shares = fair_share(data, reach)
    unmet = {
        s.id: NO_OPTIONS if not reach[s.id] else NOT_DRAWN
        for s in data.students
        if s.id not in drawn
    }
    people = [s for s in data.students if s.id in drawn]
    method = "plan"
    problems: tuple[str, ...] = ()
    if not people:
        return BlockResult("EMPTY", method, [], unmet, shares)
    problem = _problem(data, reach, people)
    allocation = rotations.allocate_plan(problem, time_limit=time_limit, work_limit=work_limit)
    if not allocation.succeeded:
        problems = allocation.problems
        method = "block_then_plan"
        block = rotations.allocate_block(problem, 1)
        placed_ids = {a for a, _ in block.assignment}
        for s in people:
            if s.id not in placed_ids:
                unmet[s.id] = FULL
        people = [s for s in people if s.id in placed_ids]
        if not people:
            return BlockResult("INFEASIBLE", method, [], unmet, shares, problems=problems)
        problem = _problem(data, reach, people)
        allocation = rotations.allocate_plan(problem, time_limit=time_limit, work_limit=work_limit)
        if not allocation.succeeded:  # deferred acceptance's own plan is a valid one
            allocation = block
    explained = {e.apprentice: e for e in allocation.explanations}
    placed = []
    student = {s.id: s for s in people}
    index = _Index.of(data)
    for (sid, _), offer in sorted(allocation.assignment.items()):
        listed = reach[sid]
        km = dict((o, d) for d, o in listed)[offer]
        passed = explained[sid].passed_over if sid in explained else ()
        placed.append(
            Placed(
                sid,
                offer,
                index.offer[offer].environment,
                None if math.isinf(km) else round(km, 1),
                next(n for n, (_, o) in enumerate(listed, start=1) if o == offer),
                why_here(index, student[sid], listed, offer, passed),
            )
        )
    return BlockResult(
        allocation.status,
        method,
        placed,
        unmet,
        shares,
        problems=problems,
        **_costs(allocation),
    )


def check(data: BlockInput, assignment: dict[str, str]) -> list[str]:
    """Every rule the block's placements (``{student id: offer id}``) break, in plain words,
    by the engine's checks: places, supervisors' limits, profession and year, journey time."""
    environment = {e.id: e for e in data.environments}
    people = [s for s in data.students if s.id in assignment]
    allowed = {
        s.id: tuple(o.id for o in data.offers if o.profession == s.profession and s.year in o.years)
        for s in people
    }
    problem = rotations.Problem(
        blocks=(data.label,),
        sites=tuple(
            rotations.Site(
                e.id,
                e.partner,
                name=e.name,
                latitude=e.latitude,
                longitude=e.longitude,
                supervisors=None if e.supervision is None else (e.supervision,),
            )
            for e in data.environments
        ),
        placements=tuple(
            rotations.Placement(
                o.id,
                o.environment,
                ENGINE_SETTING[environment[o.environment].setting],
                (o.places,),
                name=environment[o.environment].name,
            )
            for o in data.offers
        ),
        apprentices=tuple(
            rotations.Apprentice(
                s.id,
                name=s.name,
                eligible=allowed[s.id],
                latitude=s.latitude,
                longitude=s.longitude,
                max_travel_km=s.max_travel_minutes * KM_PER_MINUTE,
            )
            for s in people
        ),
        seed=data.seed,
    )
    found = rotations.check_plan(
        problem, {(s, 1): o for s, o in assignment.items()}, complete=False
    )
    return [
        v.message.replace("apprentice(s)", "student(s)").replace("Apprentice", "Student")
        for v in found
    ]
