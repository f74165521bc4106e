"""A programme's setting mix planned over the whole year: students are steered to a community
or social care setting in the block the year's plan gives them, so the mix is met even when the
last block has no such place; with enough places every student's year meets it; those who
cannot have it are reported with the reason."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ..allocation import engine, yearplan
from ..allocation.engine import BlockInput, Environment, Offer, Student

OUT_OF_HOSPITAL = ("care_home", "community", "home_care")


def _year(
    students: int, care_places: list[int], ward_places: int, *, located: bool = True
) -> list[BlockInput]:
    """Blocks in which a care home near everyone offers ``care_places[b]`` places and a
    ward (a different one each block, nearer still) ``ward_places``."""
    where = (53.80, -1.55) if located else (None, None)
    year = []
    for b, care in enumerate(care_places):
        places = (
            Environment("home", "Oak House", "P1", "care_home", 53.83, -1.55),
            Environment(f"ward{b}", f"Ward {b}", "P2", "acute", 53.81, -1.55),
        )
        offers = (
            Offer("home-n", "home", "nursing", care),
            Offer(f"ward{b}-n", f"ward{b}", "nursing", ward_places),
        )
        people = tuple(
            Student(f"S{j}", "Northfield", "nursing", 2, latitude=where[0], longitude=where[1])
            for j in range(students)
        )
        year.append(BlockInput(f"Block {b + 1}", places, offers, people, seed=b))
    return year


def test_a_student_with_a_hospital_placement_first_is_steered_to_a_care_setting_later():
    # Four students; the care home has two places in each of the first two blocks and none in
    # the last, and a nearer ward has room for everyone each block.
    year = _year(4, [2, 2, 0], 4)
    result = yearplan.allocate_year(
        year, dict.fromkeys((f"S{j}" for j in range(4)), OUT_OF_HOSPITAL), time_limit=5
    )
    assert result.unmet == {}
    assert all("care_home" in result.had[f"S{j}"] for j in range(4))
    steered = [p for p in result.blocks[0].placed if p.environment == "home"]
    assert len(steered) == 2
    assert "the year's plan gives it to you in this block" in steered[0].why


def test_block_by_block_the_same_year_leaves_students_without_the_mix():
    # The same year with the setting required only in the last block (the old way): the
    # nearer ward wins the first two blocks and the last has no care home place.
    year = _year(4, [2, 2, 0], 4)
    had: dict[str, set[str]] = {f"S{j}": set() for j in range(4)}
    for b, data in enumerate(year):
        people = tuple(
            Student(
                s.id,
                s.provider,
                s.profession,
                s.year,
                latitude=s.latitude,
                longitude=s.longitude,
                needs_settings=OUT_OF_HOSPITAL if b == 2 else (),
            )
            for s in data.students
        )
        result = engine.allocate(
            BlockInput(data.label, data.environments, data.offers, people), time_limit=5
        )
        setting = {e.id: e.setting for e in data.environments}
        for p in result.placed:
            had[p.student].add(setting[p.environment])
    assert sum("care_home" in h for h in had.values()) == 0


def test_a_student_who_cannot_have_the_setting_is_reported_with_the_reason():
    year = _year(3, [1, 0, 1], 3)
    result = yearplan.allocate_year(
        year, dict.fromkeys(("S0", "S1", "S2"), OUT_OF_HOSPITAL), time_limit=5
    )
    assert list(result.unmet.values()) == [yearplan.SETTING_FULL]
    assert sum("care_home" in h for h in result.had.values()) == 2
    far = [
        BlockInput(
            d.label,
            d.environments,
            d.offers,
            tuple(
                Student(s.id, s.provider, s.profession, s.year, latitude=51.5, longitude=-0.1)
                for s in d.students
            ),
        )
        for d in _year(1, [1], 1)
    ]
    found = yearplan.plan(far, [yearplan.MixNeed("S0", OUT_OF_HOSPITAL)])
    assert found.unmet == {"S0": yearplan.NO_SETTING_IN_REACH}


@settings(max_examples=25, deadline=None)
@given(
    students=st.integers(1, 12),
    blocks=st.integers(2, 4),
    shares=st.lists(st.integers(0, 12), min_size=4, max_size=4),
    located=st.booleans(),
)
def test_with_enough_places_every_students_year_meets_the_mix(students, blocks, shares, located):
    # Enough places: the care home's places over the year reach the number of students, and
    # each block's ward has room for everyone.
    care = [min(s, students) for s in shares[:blocks]]
    if sum(care) < students:
        care[-1] += students - sum(care)
    year = _year(students, care, students, located=located)
    required = {f"S{j}": OUT_OF_HOSPITAL for j in range(students)}
    result = yearplan.allocate_year(year, required, time_limit=5, work_limit=5)
    assert result.unmet == {}
    for j in range(students):
        assert result.had[f"S{j}"] & set(OUT_OF_HOSPITAL)
    for block in result.blocks:
        assert len(block.placed) == students
