"""Placements: 5,000 students in 3 blocks at 1,000 learning environments; the capacity page.

The allocation: 5,000 students who each need a placement in each of 3 blocks, at 1,000
environments of every setting (offers for one to three professions each, about 10% more
places than students), blocks allocated in turn by the rotation engine through the
placements engine (fair share, then CP-SAT), with each programme's setting requirement planned
over the year before each block (a quarter of the students need a care home or home care
placement: the year's plan steers them to it in one of their blocks) and the environments a
student has been at carried from block to block as the web app does.
Target: every block within 60 s in all on two cores, no rule broken (re-checked here,
independently of the engine), and the worst-off student's cost, the total cost and their
lower bounds printed.

The capacity page: a partnership of that size in the database (the same environments,
offers, students, requests and the placements made), the partnership's capacity page
requested as a coordinator. Target: under 500 ms (median). No peer: no other product in this
repository answers the same question.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections import Counter
from collections.abc import Iterator

from bench.harness import measure
from oneworkforce.placements.allocation import engine, yearplan

NAME = "placements"
STUDENTS = 5_000
ENVIRONMENTS = 1_000
BLOCKS = 3
SECONDS = 60.0
CENTRE = (53.80, -1.55)
PROFESSIONS = ("nursing", "midwifery", "physiotherapy", "occupational_therapy", "social_work")
SHARE = (0.5, 0.1, 0.13, 0.12, 0.15)  # of students, by profession
SOCIAL_CARE = ("care_home", "home_care")
PROVIDERS = ("Northfield University", "Westdale University", "Airedale College")


def _spot(rng: random.Random) -> tuple[float, float]:
    """A point in a region about 70 km by 60 km."""
    return (
        CENTRE[0] + rng.uniform(-0.27, 0.27),
        CENTRE[1] + rng.uniform(-0.5, 0.5),
    )


def generate(
    seed: int = 7,
) -> tuple[list[engine.Environment], list[engine.Offer], list[engine.Student]]:
    rng = random.Random(seed)
    settings = list(engine.ENGINE_SETTING)
    environments, offers = [], []
    for i in range(ENVIRONMENTS):
        lat, lon = _spot(rng)
        setting = settings[i % len(settings)]
        environments.append(
            engine.Environment(
                f"E{i}", f"Environment {i}", f"P{i % 120}", setting, lat, lon, supervision=0
            )
        )
    students = []
    for j in range(STUDENTS):
        lat, lon = _spot(rng)
        profession = rng.choices(PROFESSIONS, weights=SHARE)[0]
        students.append(
            engine.Student(
                f"S{j}",
                PROVIDERS[j % len(PROVIDERS)],
                profession,
                rng.randint(1, 3),
                latitude=lat,
                longitude=lon,
                max_travel_minutes=rng.choice((60, 75, 90)),
                programme="social care needed" if j % 4 == 0 else "",
            )
        )
    # About 10% more places than students of each profession, spread over environments.
    wanted = Counter(s.profession for s in students)
    per_environment: Counter[str] = Counter()
    for profession in PROFESSIONS:
        left = math.ceil(wanted[profession] * 1.1)
        while left > 0:
            where = environments[rng.randrange(ENVIRONMENTS)]
            places = min(left, rng.randint(1, 3))
            offers.append(engine.Offer(f"O{len(offers)}", where.id, profession, places))
            per_environment[where.id] += places
            left -= places
    merged: dict[tuple[str, str], int] = Counter()
    for o in offers:
        merged[o.environment, o.profession] += o.places
    offers = [engine.Offer(f"{e}-{p}", e, p, n) for (e, p), n in sorted(merged.items())]
    environments = [
        engine.Environment(
            e.id,
            e.name,
            e.partner,
            e.setting,
            e.latitude,
            e.longitude,
            supervision=per_environment[e.id] + rng.randint(0, 1),
        )
        for e in environments
    ]
    return environments, offers, students


def _broken(data: engine.BlockInput, result: engine.BlockResult) -> list[str]:
    """Rules broken, worked out here from the input alone."""
    offer = {o.id: o for o in data.offers}
    place = {e.id: e for e in data.environments}
    student = {s.id: s for s in data.students}
    found = []
    for o, n in Counter(p.offer for p in result.placed).items():
        if n > offer[o].places:
            found.append(f"{o} over its places")
    for e, n in Counter(p.environment for p in result.placed).items():
        if place[e].supervision is not None and n > place[e].supervision:
            found.append(f"{e} over its supervisors")
    for p in result.placed:
        s, o = student[p.student], offer[p.offer]
        if o.profession != s.profession or s.year not in o.years:
            found.append(f"{s.id} not eligible")
        km = engine.distance_km(s, place[o.environment])
        if km is not None and km > s.max_travel_minutes * engine.KM_PER_MINUTE + 1e-9:
            found.append(f"{s.id} beyond their journey")
        if s.needs_settings and place[o.environment].setting not in s.needs_settings:
            found.append(f"{s.id} not in the setting their programme needs")
        if o.environment in s.been_at:
            found.append(f"{s.id} at an environment of an earlier block")
    counted = Counter(p.student for p in result.placed) + Counter(result.unmet.keys())
    if set(counted) != set(student) or max(counted.values(), default=1) > 1:
        found.append("someone placed twice or neither placed nor told why")
    return found


def _allocate_year() -> Iterator[str]:
    environments, offers, students = generate()
    started = time.perf_counter()
    worst = total = worst_bound = total_bound = placed = broken = 0
    budget = SECONDS / BLOCKS - 5.0  # the solver's share; the year's plan, options and why follow
    year = [
        engine.BlockInput(
            f"Block {block}",
            tuple(environments),
            tuple(offers),
            tuple(students),
            seed=block,
        )
        for block in range(1, BLOCKS + 1)
    ]
    required = {s.id: SOCIAL_CARE for s in students if s.programme}
    done = yearplan.allocate_year(year, required, time_limit=budget)
    for block, (data, result, seconds) in enumerate(
        zip(done.inputs, done.blocks, done.seconds, strict=True), start=1
    ):
        problems = _broken(data, result)
        broken += len(problems)
        placed += len(result.placed)
        worst = max(worst, result.worst or 0)
        worst_bound = max(worst_bound, result.worst_bound or 0)
        total += result.total or 0
        total_bound += result.total_bound or 0
        reasons = Counter(result.unmet.values())
        steered = sum(1 for s in data.students if s.prefers_settings)
        yield (
            f"  block {block}: {len(result.placed):,} placed, {len(result.unmet):,} not"
            f" ({dict(reasons)}), {steered:,} steered by the year's plan, {result.status} by"
            f" {result.method}, worst {result.worst} (bound {result.worst_bound}), total"
            f" {result.total:,} (bound {result.total_bound:,}), {seconds:.1f} s, rules broken:"
            f" {len(problems)}"
        )
    elapsed = time.perf_counter() - started
    needed = sum(1 for s in students if s.programme)
    met = sum(1 for s in students if s.programme and done.had.get(s.id, set()) & set(SOCIAL_CARE))
    yield (
        f"  year: {STUDENTS:,} students x {BLOCKS} blocks at {ENVIRONMENTS:,} environments:"
        f" {placed:,} placements in {elapsed:.1f} s (target {SECONDS:.0f} s),"
        f" rules broken: {broken}"
    )
    yield (
        f"  worst-off student's cost {worst} (bound {worst_bound}); total cost {total:,}"
        f" (bound {total_bound:,}); cost = place on the student's nearest-first list"
    )
    yield f"  setting requirement (care home or home care): met for {met:,} of {needed:,}"


def _store() -> None:
    """The same partnership in the database, by bulk inserts."""
    from oneworkforce.partners.choices import Sector
    from oneworkforce.partners.models import Organisation
    from oneworkforce.placements import models as m

    environments, offers, students = generate()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Partner {i}", slug=f"bench-partner-{i}", sector=Sector.ADULT_SOCIAL_CARE
        )
        for i in range(120)
    )
    providers = Organisation.objects.bulk_create(
        Organisation(name=name, slug=f"bench-{n}", sector=Sector.EDUCATION)
        for n, name in enumerate(PROVIDERS)
    )
    rows = m.LearningEnvironment.objects.bulk_create(
        m.LearningEnvironment(
            organisation=organisations[i % 120],
            name=e.name,
            setting=e.setting,
            postcode="LS1 1AA",
            latitude=e.latitude,
            longitude=e.longitude,
            professions=list(PROFESSIONS),
            years=[1, 2, 3],
            places_per_block=(e.supervision or 0) + 1,
        )
        for i, e in enumerate(environments)
    )
    partners = {e.id: row for e, row in zip(environments, rows, strict=True)}
    start = dt.date(2027, 1, 11)
    blocks = m.Block.objects.bulk_create(
        m.Block(
            name=f"Bench block {b}",
            starts_on=start + dt.timedelta(days=120 * b),
            ends_on=start + dt.timedelta(days=120 * b + 70),
        )
        for b in range(BLOCKS)
    )
    m.Offer.objects.bulk_create(
        m.Offer(
            environment=partners[o.environment],
            block=block,
            profession=o.profession,
            places=o.places,
        )
        for block in blocks
        for o in offers
    )
    programmes = {
        (provider.name, profession): m.Programme.objects.create(
            provider=provider, name=f"{profession} programme", profession=profession, year=2
        )
        for provider in providers
        for profession in PROFESSIONS
    }
    stored = m.Student.objects.bulk_create(
        m.Student(programme=programmes[s.provider, s.profession], reference=s.id, name=s.id)
        for s in students
    )
    requests = {}
    for programme in programmes.values():
        for block in blocks:
            requests[programme.pk, block.pk] = m.PlacementRequest(
                programme=programme,
                block=block,
                students=programme.students.count() + 5,
                starts_on=block.starts_on,
                ends_on=block.ends_on,
                required_hours=300,
            )
    m.PlacementRequest.objects.bulk_create(requests.values())
    offer_environment = [partners[o.environment] for o in offers]
    m.Placement.objects.bulk_create(
        m.Placement(
            student=row,
            block=block,
            request=requests[row.programme_id, block.pk],
            environment=offer_environment[(n * 7 + b) % len(offer_environment)],
            why_here="",
            status="confirmed",
        )
        for b, block in enumerate(blocks)
        for n, row in enumerate(stored)
    )


def _capacity_page() -> Iterator[str]:
    from django.test import Client

    from oneworkforce.partners.tests.factories import partnership_admin

    _store()
    client = Client()
    client.force_login(partnership_admin(email="bench-coordinator@example.org"))

    def page() -> None:
        response = client.get("/placements/capacity/")
        assert response.status_code == 200

    def csv() -> None:
        assert client.get("/placements/capacity.csv").status_code == 200

    yield measure(
        f"capacity page ({ENVIRONMENTS:,} environments, {STUDENTS * BLOCKS:,} placements)",
        page,
        runs=15,
    ).row()
    yield measure("the same figures as CSV", csv, runs=15).row()
    yield "  target: page under 500 ms (median)"


def setup() -> None:
    pass


def run() -> Iterator[str]:
    yield from _allocate_year()
    yield from _capacity_page()
