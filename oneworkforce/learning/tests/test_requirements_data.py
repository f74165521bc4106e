"""The requirement catalogue's seed data and the loader's checks."""

from __future__ import annotations

from collections import Counter

import pytest

from oneworkforce.learning.requirements_data import (
    FRAMEWORKS,
    RequirementSeed,
    RequirementsError,
    load_requirements,
    requirements_from_toml,
)


@pytest.fixture(scope="module")
def seeds() -> list[RequirementSeed]:
    return load_requirements()


def by_framework(seeds, framework):
    return [s for s in seeds if s.framework == framework]


def test_codes_are_unique_and_every_seed_is_complete(seeds):
    codes = [s.code for s in seeds]
    assert len(codes) == len(set(codes))
    for seed in seeds:
        assert seed.framework in FRAMEWORKS
        assert seed.subject and seed.description and seed.validity_months >= 0


def test_the_care_certificate_has_sixteen_standards_numbered_one_to_sixteen(seeds):
    standards = by_framework(seeds, "care_certificate")
    assert [s.level for s in standards] == [f"Standard {n}" for n in range(1, 17)]
    assert [s.code for s in standards] == [f"care-certificate-{n:02d}" for n in range(1, 17)]
    subjects = {int(s.level.split()[1]): s.subject for s in standards}
    assert subjects[9] == "Awareness of mental health and dementia"
    assert subjects[16] == "Awareness of learning disability and autism"


def test_care_certificate_standards_do_not_expire(seeds):
    assert all(not s.expires for s in by_framework(seeds, "care_certificate"))


def test_both_oliver_mcgowan_tiers_are_present_with_a_refresher(seeds):
    tiers = by_framework(seeds, "oliver_mcgowan")
    assert [(s.level, s.validity_months) for s in tiers] == [("Tier 1", 36), ("Tier 2", 36)]


CSTF_SUBJECT_LEVELS = {
    ("Conflict resolution", "Level 1"): 36,
    ("Equality, diversity and human rights", "Level 1"): 36,
    ("Fire safety", "Level 1"): 24,
    ("Health, safety and welfare", "Level 1"): 36,
    ("Infection prevention and control", "Level 1"): 36,
    ("Infection prevention and control", "Level 2"): 12,
    ("Information governance and data security", "Level 1"): 12,
    ("Moving and handling", "Level 1"): 36,
    ("Moving and handling", "Level 2"): 24,
    ("Preventing radicalisation", "Basic Prevent awareness"): 36,
    ("Preventing radicalisation", "Prevent awareness"): 36,
    ("Resuscitation", "Level 1"): 12,
    ("Resuscitation", "Level 2 adult basic life support"): 12,
    ("Resuscitation", "Level 2 paediatric basic life support"): 12,
    ("Resuscitation", "Level 2 newborn life support"): 12,
    ("Safeguarding adults", "Level 1"): 36,
    ("Safeguarding adults", "Level 2"): 36,
    ("Safeguarding children", "Level 1"): 36,
    ("Safeguarding children", "Level 2"): 36,
}


def test_every_core_skills_subject_and_level_is_present_with_its_refresher(seeds):
    cstf = {(s.subject, s.level): s.validity_months for s in by_framework(seeds, "cstf")}
    assert cstf == CSTF_SUBJECT_LEVELS


def test_the_packaged_file_is_read_once(seeds):
    again = load_requirements()
    assert again == seeds and again is not seeds
    assert Counter(s.framework for s in again) == {
        "cstf": 19,
        "care_certificate": 16,
        "oliver_mcgowan": 2,
    }


def entry(code="cstf-x-1", **changes):
    fields = {
        "code": code,
        "framework": "cstf",
        "subject": "Subject",
        "level": "Level 1",
        "description": "What it covers.",
        "validity_months": 12,
        **changes,
    }
    lines = ["[[requirement]]"]
    for key, value in fields.items():
        if value is not None:
            lines.append(f"{key} = {value!r}".replace("'", '"'))
    return "\n".join(lines) + "\n"


def problems(text: str) -> list[str]:
    with pytest.raises(RequirementsError) as caught:
        requirements_from_toml(text, source="requirements.toml")
    assert str(caught.value).startswith("requirements.toml: ")
    return caught.value.problems


def test_a_small_file_loads_with_defaults():
    (seed,) = requirements_from_toml(entry(level=None, validity_months=None))
    assert seed == RequirementSeed("cstf-x-1", "cstf", "Subject", "", "What it covers.", 0)
    assert not seed.expires


def test_a_repeated_code_names_both_entries():
    assert problems(entry() + entry()) == [
        "requirement 2 ('cstf-x-1'): 'code' repeats the code of requirement 1"
    ]


def test_a_negative_validity_is_rejected():
    (problem,) = problems(entry() + entry("cstf-y-1", validity_months=-12))
    assert problem.startswith("requirement 2 ('cstf-y-1'): 'validity_months' must be a whole")


@pytest.mark.parametrize("value", ["1.5", "true", '"12"'])
def test_a_validity_that_is_not_a_whole_number_is_rejected(value):
    (problem,) = problems(entry().replace("validity_months = 12", f"validity_months = {value}"))
    assert problem.startswith("requirement 1 ('cstf-x-1'): 'validity_months' must be a whole")


def test_an_unknown_framework_is_rejected():
    assert problems(entry(framework="nvq")) == [
        "requirement 1 ('cstf-x-1'): 'framework' must be one of cstf, care_certificate, "
        "oliver_mcgowan, not 'nvq'"
    ]


@pytest.mark.parametrize(
    "changes,expected",
    [
        ({"subject": "  "}, "requirement 1 ('cstf-x-1'): 'subject' must not be empty"),
        ({"subject": None}, "requirement 1 ('cstf-x-1'): 'subject' is missing"),
        ({"code": None}, "requirement 1: 'code' is missing"),
        ({"code": "CSTF X"}, "requirement 1 ('CSTF X'): 'code' must be lower-case"),
        ({"level": 2}, "requirement 1 ('cstf-x-1'): 'level' must be text in quotes"),
        ({"expiry": 3}, "requirement 1 ('cstf-x-1'): 'expiry' is not a known key"),
    ],
)
def test_other_mistakes_name_the_entry_and_key(changes, expected):
    (problem,) = problems(entry(**changes))
    assert problem.startswith(expected)


def test_every_problem_is_reported_at_once():
    found = problems(entry(framework="x", validity_months=-1) + entry("b", subject=""))
    assert len(found) == 3


def test_broken_toml_and_wrong_shapes_are_reported(tmp_path):
    with pytest.raises(RequirementsError, match="is not valid TOML"):
        requirements_from_toml("[[requirement]\n")
    with pytest.raises(RequirementsError, match="'source' must be a"):
        requirements_from_toml('source = "x"\n' + entry())
    with pytest.raises(RequirementsError, match=r"must be written as \[\[requirement\]\]"):
        requirements_from_toml("requirement = 3")
    with pytest.raises(RequirementsError, match=r"^gone\.toml: cannot be read"):
        load_requirements(tmp_path / "gone.toml")


def test_a_file_on_disk_loads(tmp_path):
    path = tmp_path / "extra.toml"
    path.write_text('[source]\nnote = "ours"\n\n' + entry("local-1"), encoding="utf-8")
    assert [s.code for s in load_requirements(path)] == ["local-1"]
