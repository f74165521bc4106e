"""The placements engine over the rotation engine: options, fair share between education
providers, every rule kept, reasons for everyone not placed, and "why here"."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from ..allocation import engine
from ..allocation.engine import BlockInput, Environment, Offer, Student

FAST = settings(max_examples=30, deadline=None)
CENTRE = (53.80, -1.55)


def _random_block(seed: int, *, environments: int, students: int) -> BlockInput:
    rng = random.Random(seed)

    def spot() -> tuple[float, float]:
        return CENTRE[0] + rng.uniform(-0.3, 0.3), CENTRE[1] + rng.uniform(-0.5, 0.5)

    places, offers = [], []
    for i in range(environments):
        lat, lon = spot()
        places.append(
            Environment(
                f"E{i}",
                f"Environment {i}",
                f"P{i % 4}",
                rng.choice(list(engine.ENGINE_SETTING)),
                lat,
                lon,
                supervision=rng.randint(0, 4),
            )
        )
        for profession in rng.sample(["nursing", "midwifery", "social_work"], rng.randint(1, 2)):
            offers.append(
                Offer(f"O{i}{profession}", f"E{i}", profession, rng.randint(0, 3), (1, 2, 3))
            )
    people = []
    for j in range(students):
        lat, lon = spot()
        people.append(
            Student(
                f"S{j}",
                rng.choice(["university", "college"]),
                rng.choice(["nursing", "midwifery", "social_work"]),
                rng.randint(1, 3),
                latitude=lat,
                longitude=lon,
                max_travel_minutes=rng.choice([20, 40, 60]),
                needs_settings=("care_home", "home_care") if rng.random() < 0.2 else (),
                been_at=tuple(rng.sample([f"E{i}" for i in range(environments)], 2)),
            )
        )
    return BlockInput("Autumn", tuple(places), tuple(offers), tuple(people), seed=seed)


def _rules_broken(data: BlockInput, result: engine.BlockResult) -> list[str]:
    """Worked out here from the input: places, supervisors, profession, year, journey and
    setting, and everyone placed once or told why not."""
    offer = {o.id: o for o in data.offers}
    place = {e.id: e for e in data.environments}
    student = {s.id: s for s in data.students}
    broken = []
    per_offer = Counter(p.offer for p in result.placed)
    per_place = Counter(p.environment for p in result.placed)
    broken += [o for o, n in per_offer.items() if n > offer[o].places]
    broken += [
        e
        for e, n in per_place.items()
        if place[e].supervision is not None and n > place[e].supervision
    ]
    for p in result.placed:
        s, o = student[p.student], offer[p.offer]
        km = engine.distance_km(s, place[o.environment])
        if o.profession != s.profession or s.year not in o.years:
            broken.append(f"{s.id} eligibility")
        if km is not None and km > s.max_travel_minutes * engine.KM_PER_MINUTE + 1e-9:
            broken.append(f"{s.id} travel")
        if s.needs_settings and place[o.environment].setting not in s.needs_settings:
            broken.append(f"{s.id} setting")
        if o.environment in s.been_at:
            broken.append(f"{s.id} same environment again")
    everyone = Counter(p.student for p in result.placed) + Counter(result.unmet.keys())
    if set(everyone) != set(student) or max(everyone.values()) > 1:
        broken.append("not everyone placed once or told why not")
    return broken


@FAST
@given(st.integers(0, 10_000))
def test_every_rule_is_kept_and_everyone_is_placed_or_told_why(seed):
    data = _random_block(seed, environments=12, students=30)
    result = engine.allocate(data, time_limit=5, work_limit=2)
    assert _rules_broken(data, result) == []


@FAST
@given(
    st.integers(1, 60), st.dictionaries(st.sampled_from("ABCDE"), st.integers(0, 40), min_size=1)
)
def test_largest_remainders_shares_every_place_and_stays_within_one_of_proportional(places, asked):
    share = engine.largest_remainders(places, asked)
    assert sum(share.values()) == min(places, sum(asked.values()))
    assert all(0 <= share[k] <= asked[k] for k in asked)
    if sum(asked.values()) > places:
        total = sum(asked.values())
        uncapped = [k for k in asked if share[k] < asked[k]]
        for k in uncapped:
            assert share[k] >= places * asked[k] / total - 1


def test_short_places_are_shared_between_providers_in_proportion_to_what_they_asked():
    home = Environment("E1", "Oak House", "P1", "care_home", CENTRE[0], CENTRE[1], supervision=10)
    offers = (Offer("O1", "E1", "nursing", 6),)
    people = tuple(
        Student(f"U{i}", "university", "nursing", 2, latitude=CENTRE[0], longitude=CENTRE[1])
        for i in range(9)
    ) + tuple(
        Student(f"C{i}", "college", "nursing", 2, latitude=CENTRE[0], longitude=CENTRE[1])
        for i in range(3)
    )
    result = engine.allocate(BlockInput("Autumn", (home,), offers, people), time_limit=5)
    placed = Counter(p.student[0] for p in result.placed)
    assert placed == {"U": 4, "C": 2}
    assert {(s.provider, s.asked, s.share) for s in result.shares} == {
        ("university", 9, 4),
        ("college", 3, 2),
    }
    assert Counter(result.unmet.values()) == {engine.NOT_DRAWN: 6}


def test_why_here_names_the_nearer_placement_that_was_full():
    near = Environment("E1", "Near Ward", "P1", "acute", 53.80, -1.55, supervision=4)
    far = Environment("E2", "Far Care Home", "P2", "care_home", 53.85, -1.55, supervision=4)
    offers = (Offer("O1", "E1", "nursing", 1), Offer("O2", "E2", "nursing", 2))
    people = (
        Student("S1", "u", "nursing", 1, latitude=53.80, longitude=-1.55),
        Student("S2", "u", "nursing", 1, latitude=53.801, longitude=-1.55),
    )
    result = engine.allocate(BlockInput("Autumn", (near, far), offers, people), time_limit=5)
    first, second = sorted(result.placed, key=lambda p: p.environment)
    assert (first.environment, second.environment) == ("E1", "E2")
    assert "nearest placement" in first.why
    assert "Nearer: Near Ward was full" in second.why
    assert result.status == "OPTIMAL"


def test_a_student_whose_programme_needs_social_care_is_placed_there():
    near = Environment("E1", "Near Ward", "P1", "acute", 53.80, -1.55, supervision=4)
    far = Environment("E2", "Far Care Home", "P2", "care_home", 53.85, -1.55, supervision=4)
    offers = (Offer("O1", "E1", "nursing", 2), Offer("O2", "E2", "nursing", 2))
    people = (
        Student(
            "S1",
            "u",
            "nursing",
            1,
            latitude=53.80,
            longitude=-1.55,
            needs_settings=("care_home", "home_care"),
        ),
    )
    result = engine.allocate(BlockInput("Autumn", (near, far), offers, people), time_limit=5)
    assert result.placed[0].environment == "E2"
    assert "needs a placement in this kind of setting" in result.placed[0].why


def test_check_names_a_change_that_overfills_an_offer():
    data = BlockInput(
        "Autumn",
        (Environment("E1", "Oak House", "P1", "care_home", 53.8, -1.55, supervision=4),),
        (Offer("O1", "E1", "nursing", 1), Offer("O2", "E1", "midwifery", 1)),
        (
            Student("S1", "u", "nursing", 1, name="Ann"),
            Student("S2", "u", "nursing", 1, name="Bo"),
        ),
    )
    assert engine.check(data, {"S1": "O1"}) == []
    broken = engine.check(data, {"S1": "O1", "S2": "O1"})
    assert any("2 student(s)" in message and "1 place(s)" in message for message in broken)
    assert any("not one they may take" in m for m in engine.check(data, {"S1": "O2"}))
