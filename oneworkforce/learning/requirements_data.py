"""Seed data for the statutory and mandatory training requirement catalogue.

``data/requirements.toml`` lists the subjects of three national frameworks (the Core Skills
Training Framework, the Care Certificate and the Oliver McGowan Mandatory Training) with a default
refresher period each. This module reads and checks that file and imports nothing from Django; the
learning app turns the seeds into rows.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = ["FRAMEWORKS", "RequirementSeed", "RequirementsError", "load_requirements"]

FRAMEWORKS: Mapping[str, str] = MappingProxyType(
    {
        "cstf": "Core Skills Training Framework",
        "care_certificate": "Care Certificate",
        "oliver_mcgowan": "The Oliver McGowan Mandatory Training on Learning Disability and Autism",
    }
)
"""The frameworks a seed may belong to: key → the name people know it by."""

_DATA_PACKAGE = "oneworkforce.learning.data"
_DATA_FILE = "requirements.toml"
_CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KEYS = ("code", "framework", "subject", "level", "description", "validity_months")


@dataclass(frozen=True)
class RequirementSeed:
    """One subject (at one level) that people may be required to complete.

    ``validity_months`` is the default refresher period; 0 means it does not expire.
    """

    code: str
    framework: str
    subject: str
    level: str
    description: str
    validity_months: int

    @property
    def expires(self) -> bool:
        return self.validity_months > 0


class RequirementsError(ValueError):
    """The requirements file is not valid. ``problems`` each name the entry (number and code)."""

    def __init__(self, problems: list[str], source: str = "") -> None:
        self.problems = problems
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(prefix + "; ".join(problems))


def load_requirements(path: str | PathLike[str] | None = None) -> list[RequirementSeed]:
    """The seeds in ``path``, or the packaged seeds (read once per process) when it is None.

    Raises :class:`RequirementsError` naming every problem found.
    """
    if path is None:
        return list(_packaged_requirements())
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RequirementsError([f"cannot be read ({error})"], source=file.name) from error
    return requirements_from_toml(text, source=file.name)


@functools.cache
def _packaged_requirements() -> tuple[RequirementSeed, ...]:
    text = resources.files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_text(encoding="utf-8")
    return tuple(requirements_from_toml(text, source=_DATA_FILE))


def requirements_from_toml(text: str, *, source: str = "") -> list[RequirementSeed]:
    """Seeds from the text of a TOML file: ``[[requirement]]`` tables and a ``[source]`` note."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RequirementsError([f"is not valid TOML ({error})"], source=source) from error

    problems = [
        f"unknown top-level key {key!r}" for key in data if key not in ("source", "requirement")
    ]
    if "source" in data and not isinstance(data["source"], dict):
        problems.append("'source' must be a [source] table")
    entries = data.get("requirement", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append("'requirement' must be written as [[requirement]] tables")
        raise RequirementsError(problems, source=source)

    seeds: list[RequirementSeed] = []
    first_seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        seed = _seed_from_table(entry, number, first_seen, problems)
        if seed is not None:
            seeds.append(seed)
    if problems:
        raise RequirementsError(problems, source=source)
    return seeds


def _seed_from_table(
    entry: dict[str, Any], number: int, first_seen: dict[str, int], problems: list[str]
) -> RequirementSeed | None:
    raw_code = entry.get("code")
    name = f"requirement {number}"
    if isinstance(raw_code, str) and raw_code:
        name += f" ({raw_code!r})"
    count = len(problems)

    def problem(key: str, message: str) -> None:
        problems.append(f"{name}: {key!r} {message}")

    for key in sorted(set(entry) - set(_KEYS)):
        problem(key, f"is not a known key (expected one of {', '.join(_KEYS)})")

    def text(key: str, *, required: bool) -> str:
        value = entry.get(key)
        if value is None:
            if required:
                problem(key, "is missing")
            return ""
        if not isinstance(value, str):
            problem(key, f"must be text in quotes, not {value!r}")
            return ""
        if required and not value.strip():
            problem(key, "must not be empty")
        return value.strip()

    code = text("code", required=True)
    if code:
        if not _CODE.fullmatch(code):
            problem(
                "code", "must be lower-case letters, digits and single hyphens (like 'cstf-ipc-2')"
            )
        elif code in first_seen:
            problem("code", f"repeats the code of requirement {first_seen[code]}")
        else:
            first_seen[code] = number

    framework = text("framework", required=True)
    if framework and framework not in FRAMEWORKS:
        problem("framework", f"must be one of {', '.join(FRAMEWORKS)}, not {framework!r}")

    subject = text("subject", required=True)
    level = text("level", required=False)
    description = text("description", required=True)

    validity = entry.get("validity_months", 0)
    if isinstance(validity, bool) or not isinstance(validity, int) or validity < 0:
        problem(
            "validity_months",
            f"must be a whole number of months, 0 or more (0: does not expire), not {validity!r}",
        )
        validity = 0

    if len(problems) > count:
        return None
    return RequirementSeed(
        code=code,
        framework=framework,
        subject=subject,
        level=level,
        description=description,
        validity_months=validity,
    )
