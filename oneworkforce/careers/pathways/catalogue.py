"""The careers catalogue: roles of health and care across every sector and the pathways between
them, read from ``careers/data/roles.toml`` (and, where a partnership has them, its own local
roles in a second file of the same shape).

This module reads and checks the files and imports nothing from Django, so the catalogue can be
checked from the command line and tested without a database. Every problem found is named with
the entry's number and code, all at once.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = ["Catalogue", "CatalogueError", "Pathway", "Pay", "Role", "load_catalogue"]

_DATA_PACKAGE = "oneworkforce.careers.data"
_DATA_FILE = "roles.toml"
_CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ROLE_KEYS = (
    "code",
    "title",
    "stage",
    "job_family",
    "work",
    "where",
    "routes",
    "pay",
    "next",
    "learning",
)
_PAY_KEYS = ("sector", "low", "high", "unit", "source", "band")
_TABLES = ("settings", "routes", "sources")
STAGES: Mapping[int, str] = MappingProxyType(
    {
        1: "Starting out",
        2: "Experienced or assistant practitioner",
        3: "Registered or qualified practitioner",
        4: "Leading others",
    }
)


@dataclass(frozen=True)
class Pay:
    """Typical pay in one setting: ``low`` to ``high`` pounds per ``unit`` (hour or year)."""

    setting: str
    low: float
    high: float
    unit: str
    source: str
    band: str = ""


@dataclass(frozen=True)
class Role:
    code: str
    title: str
    stage: int
    job_family: str
    work: str
    where: tuple[str, ...]
    routes: tuple[str, ...]
    pay: tuple[Pay, ...]
    next: tuple[str, ...]
    learning: str
    local: bool = False


@dataclass(frozen=True)
class Pathway:
    title: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    """The roles in file order, the pathways, and the names of settings, routes and sources."""

    roles: tuple[Role, ...]
    pathways: tuple[Pathway, ...]
    settings: Mapping[str, str]
    routes: Mapping[str, str]
    sources: Mapping[str, str]

    def role(self, code: str) -> Role | None:
        return self._by_code().get(code)

    def _by_code(self) -> dict[str, Role]:
        return {role.code: role for role in self.roles}

    def leads_from(self, code: str) -> list[Role]:
        """The roles whose next steps include this one (the ways in from other roles)."""
        return [role for role in self.roles if code in role.next]


class CatalogueError(ValueError):
    """The catalogue is not valid. ``problems`` each name the file and the entry."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def load_catalogue(
    local: str | Path | None = None, *, job_families: Iterable[str] | None = None
) -> Catalogue:
    """The packaged catalogue, with the local roles in ``local`` added when it is given.

    ``job_families``, when given, are the job family keys a role may name. Raises
    :class:`CatalogueError` naming every problem found.
    """
    families = frozenset(job_families) if job_families is not None else None
    if local is None:
        return _packaged(families)
    file = Path(local)
    try:
        extra = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError([f"{file.name}: cannot be read ({error})"]) from error
    return catalogue_from_toml(_packaged_text(), extra, local_name=file.name, job_families=families)


def _packaged_text() -> str:
    return resources.files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_text(encoding="utf-8")


@functools.cache
def _packaged(job_families: frozenset[str] | None) -> Catalogue:
    return catalogue_from_toml(_packaged_text(), job_families=job_families)


def _parse(text: str, name: str, problems: list[str]) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(f"{name}: is not valid TOML ({error})")
        return {}
    for key in data:
        if key not in (*_TABLES, "role", "pathway"):
            problems.append(f"{name}: unknown top-level key {key!r}")
    for key in ("role", "pathway"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            problems.append(f"{name}: {key!r} must be written as [[{key}]] tables")
            data[key] = []
    for key in _TABLES:
        table = data.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            problems.append(f"{name}: [{key}] must map keys to text")
            data[key] = {}
    return data


def catalogue_from_toml(
    text: str,
    local_text: str | None = None,
    *,
    local_name: str = "local roles",
    job_families: frozenset[str] | None = None,
) -> Catalogue:
    """A catalogue from the packaged file's text and, optionally, a local file's text."""
    problems: list[str] = []
    data = _parse(text, _DATA_FILE, problems)
    tables = {key: dict(data.get(key, {})) for key in _TABLES}
    entries = [(_DATA_FILE, number, entry, False) for number, entry in _numbered(data, "role")]
    pathway_entries = [(_DATA_FILE, n, e) for n, e in _numbered(data, "pathway")]
    if local_text is not None:
        extra = _parse(local_text, local_name, problems)
        for key in _TABLES:
            for item, label in extra.get(key, {}).items():
                if item in tables[key]:
                    problems.append(f"{local_name}: [{key}] {item!r} repeats a packaged key")
                tables[key][item] = label
        entries += [(local_name, n, e, True) for n, e in _numbered(extra, "role")]
        pathway_entries += [(local_name, n, e) for n, e in _numbered(extra, "pathway")]

    checker = _Checker(tables, job_families, problems)
    roles = [checker.role(*entry) for entry in entries]
    known = {role.code for role in roles if role is not None}
    for role in roles:
        if role is not None:
            for code in role.next:
                if code not in known:
                    problems.append(f"role {role.code!r}: 'next' names unknown role {code!r}")
    pathways = [
        checker.pathway(name, number, entry, known) for name, number, entry in pathway_entries
    ]
    if problems:
        raise CatalogueError(problems)
    return Catalogue(
        roles=tuple(r for r in roles if r is not None),
        pathways=tuple(p for p in pathways if p is not None),
        settings=MappingProxyType(tables["settings"]),
        routes=MappingProxyType(tables["routes"]),
        sources=MappingProxyType(tables["sources"]),
    )


def _numbered(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    return list(enumerate(data.get(key, []), start=1))


class _Checker:
    """Turns tables into roles and pathways, adding a problem for everything wrong."""

    def __init__(
        self,
        tables: dict[str, dict[str, str]],
        job_families: frozenset[str] | None,
        problems: list[str],
    ) -> None:
        self.tables = tables
        self.job_families = job_families
        self.problems = problems
        self.first_seen: dict[str, str] = {}

    def role(self, file: str, number: int, entry: dict[str, Any], local: bool) -> Role | None:
        raw = entry.get("code")
        name = f"{file}: role {number}" + (f" ({raw!r})" if isinstance(raw, str) and raw else "")
        before = len(self.problems)

        def problem(key: str, message: str) -> None:
            self.problems.append(f"{name}: {key!r} {message}")

        for key in sorted(set(entry) - set(_ROLE_KEYS)):
            problem(key, f"is not a known key (expected one of {', '.join(_ROLE_KEYS)})")

        def text(key: str) -> str:
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                problem(key, "is missing or not text in quotes")
                return ""
            return value.strip()

        def keys(key: str, table: str) -> tuple[str, ...]:
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problem(key, "must be a list of text in quotes")
                return ()
            for item in value:
                if table and item not in self.tables[table]:
                    problem(key, f"names {item!r}, which is not in [{table}]")
            return tuple(value)

        code = text("code")
        if code and not _CODE.fullmatch(code):
            problem("code", "must be lower-case letters, digits and single hyphens")
        elif code in self.first_seen:
            problem("code", f"repeats the code of {self.first_seen[code]}")
        elif code:
            self.first_seen[code] = name
        stage = entry.get("stage")
        if isinstance(stage, bool) or stage not in STAGES:
            problem("stage", f"must be one of {', '.join(map(str, STAGES))}, not {stage!r}")
        family = text("job_family")
        if family and self.job_families is not None and family not in self.job_families:
            problem("job_family", f"{family!r} is not one of the talent hub's job families")
        role = Role(
            code=code,
            title=text("title"),
            stage=stage if isinstance(stage, int) else 0,
            job_family=family,
            work=text("work"),
            where=keys("where", "settings"),
            routes=keys("routes", "routes"),
            pay=self._pay(entry.get("pay", []), problem),
            next=keys("next", ""),
            learning=text("learning"),
            local=local,
        )
        return role if len(self.problems) == before else None

    def _pay(self, value: Any, problem: Any) -> tuple[Pay, ...]:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problem("pay", "must be a list of { sector, low, high, unit, source } tables")
            return ()
        pays = []
        for index, item in enumerate(value, start=1):
            where = f"pay {index}"
            unknown = sorted(set(item) - set(_PAY_KEYS))
            if unknown:
                problem("pay", f"{where} has unknown keys {', '.join(unknown)}")
            low, high = item.get("low"), item.get("high")
            numbers = all(
                isinstance(n, int | float) and not isinstance(n, bool) and n > 0
                for n in (low, high)
            )
            if not numbers or low > high:
                problem("pay", f"{where}: 'low' and 'high' must be amounts above 0, low ≤ high")
                continue
            if item.get("unit") not in ("hour", "year"):
                problem("pay", f'{where}: \'unit\' must be "hour" or "year"')
                continue
            if item.get("sector") not in self.tables["settings"]:
                problem("pay", f"{where}: 'sector' must be a key of [settings]")
                continue
            if item.get("source") not in self.tables["sources"]:
                problem("pay", f"{where}: 'source' must be a key of [sources]")
                continue
            pays.append(
                Pay(
                    setting=item["sector"],
                    low=float(low),
                    high=float(high),
                    unit=item["unit"],
                    source=item["source"],
                    band=str(item.get("band", "")),
                )
            )
        return tuple(pays)

    def pathway(
        self, file: str, number: int, entry: dict[str, Any], known: set[str]
    ) -> Pathway | None:
        name = f"{file}: pathway {number}"
        title, steps = entry.get("title"), entry.get("steps")
        if not isinstance(title, str) or not title.strip():
            self.problems.append(f"{name}: 'title' is missing or not text in quotes")
            return None
        if not isinstance(steps, list) or len(steps) < 2:
            self.problems.append(f"{name}: 'steps' must list two roles or more")
            return None
        unknown = [step for step in steps if step not in known]
        if unknown:
            self.problems.append(
                f"{name}: 'steps' names unknown roles {', '.join(map(repr, unknown))}"
            )
            return None
        return Pathway(title=title.strip(), steps=tuple(steps))
