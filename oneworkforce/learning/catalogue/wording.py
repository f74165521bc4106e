"""Inclusive wording for the partnership-wide learning catalogue.

A listing is read by people from NHS trusts, councils, GP practices, care providers and voluntary
organisations. This module warns an author about wording that only one sector understands (NHS pay
bands, NHS-only systems and acronyms, "trust staff only") and offers neutral wording instead.

The rules are data, not code: ``data/wording.toml`` (see the notes at its top). This module imports
nothing from Django::

    rules = load_rules()                       # the packaged list, read once and cached
    check("Band 5 and above, via ESR")         # -> [WordingWarning(...), ...]
    check_fields({"title": ..., "summary": ...})  # -> {"title": [...]} (only fields with warnings)

Each pattern is matched case-insensitively (unless the rule sets ``case_sensitive = true``) and
only as whole words: ``ESR`` finds "ESR" and "esr" but not "desre". A rule's ``unless`` pattern
silences the rule for the whole text it finds itself in, so "Electronic Staff Record (ESR)" once
in a summary lets the summary use "ESR" afterwards.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

__all__ = [
    "Rule",
    "RulesError",
    "WordingWarning",
    "check",
    "check_fields",
    "load_rules",
    "rules_from_toml",
]

_DATA_PACKAGE = "oneworkforce.learning.data"
_DATA_FILE = "wording.toml"

_RULE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_REQUIRED_TEXT = ("id", "pattern", "message", "suggestion")
_KNOWN_KEYS = frozenset({*_REQUIRED_TEXT, "unless", "case_sensitive"})


@dataclass(frozen=True)
class Rule:
    """One warning: wording to look for, why it may not be understood, and what to write instead.

    ``pattern`` and ``unless`` are compiled already wrapped to match whole words only.
    """

    id: str
    pattern: re.Pattern[str]
    message: str
    suggestion: str
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True)
class WordingWarning:
    """Wording found in one text: ``text[start:end] == matched``."""

    rule_id: str
    matched: str
    start: int
    end: int
    message: str
    suggestion: str


class RulesError(ValueError):
    """The rules file is not valid. ``problems`` each name the rule (number and id) and the key."""

    def __init__(self, problems: list[str], source: str = "") -> None:
        self.problems = problems
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(prefix + "; ".join(problems))


# --- loading ----------------------------------------------------------------------------------


def load_rules(path: str | PathLike[str] | None = None) -> list[Rule]:
    """The rules in ``path``, or the packaged rules (read once per process) when it is None.

    Raises :class:`RulesError` naming every problem found.
    """
    if path is None:
        return list(_packaged_rules())
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError([f"cannot be read ({error})"], source=file.name) from error
    return rules_from_toml(text, source=file.name)


@functools.cache
def _packaged_rules() -> tuple[Rule, ...]:
    text = resources.files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_text(encoding="utf-8")
    return tuple(rules_from_toml(text, source=_DATA_FILE))


def rules_from_toml(text: str, *, source: str = "") -> list[Rule]:
    """Rules from the text of a TOML file: an array of ``[[rule]]`` tables."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError([f"is not valid TOML ({error})"], source=source) from error

    problems: list[str] = [f"unknown top-level key {key!r}" for key in data if key != "rule"]
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append("'rule' must be written as [[rule]] tables")
        raise RulesError(problems, source=source)

    rules: list[Rule] = []
    first_seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        rule = _rule_from_table(entry, number, first_seen, problems)
        if rule is not None:
            rules.append(rule)
    if problems:
        raise RulesError(problems, source=source)
    return rules


def _rule_from_table(
    entry: dict[str, Any], number: int, first_seen: dict[str, int], problems: list[str]
) -> Rule | None:
    raw_id = entry.get("id")
    name = f"rule {number} ({raw_id!r})" if isinstance(raw_id, str) and raw_id else f"rule {number}"
    count = len(problems)

    def problem(key: str, message: str) -> None:
        problems.append(f"{name}: {key!r} {message}")

    for key in sorted(set(entry) - _KNOWN_KEYS):
        problem(key, f"is not a known key (expected one of {', '.join(sorted(_KNOWN_KEYS))})")

    texts: dict[str, str] = {}
    for key in _REQUIRED_TEXT:
        value = entry.get(key)
        if value is None:
            problem(key, "is missing")
        elif not isinstance(value, str) or not value.strip():
            problem(key, f"must be non-empty text in quotes, not {value!r}")
        else:
            texts[key] = value.strip() if key != "pattern" else value

    rule_id = texts.get("id", "")
    if rule_id:
        if not _RULE_ID.fullmatch(rule_id):
            problem(
                "id", "must be lower-case letters, digits and single hyphens (like 'nhs-pay-band')"
            )
        elif rule_id in first_seen:
            problem("id", f"repeats the id of rule {first_seen[rule_id]}")
        else:
            first_seen[rule_id] = number

    case_sensitive = entry.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        problem("case_sensitive", f"must be true or false, not {case_sensitive!r}")
        case_sensitive = False
    flags = 0 if case_sensitive else re.IGNORECASE

    pattern = _compile(texts.get("pattern"), flags, "pattern", problem)
    unless_source = entry.get("unless")
    unless = None
    if unless_source is not None:
        if not isinstance(unless_source, str) or not unless_source.strip():
            problem("unless", f"must be non-empty text in quotes, not {unless_source!r}")
        else:
            unless = _compile(unless_source, flags, "unless", problem)

    if len(problems) > count or pattern is None:
        return None
    return Rule(
        id=rule_id,
        pattern=pattern,
        message=texts["message"],
        suggestion=texts["suggestion"],
        unless=unless,
    )


def _compile(
    source: str | None, flags: int, key: str, problem: Callable[[str, str], None]
) -> re.Pattern[str] | None:
    """``source`` matched as whole words; None (with a problem recorded) if it cannot be used."""
    if source is None:
        return None
    try:
        # Checked alone first: a stray ")" could otherwise close the whole-word wrapper's group.
        bare = re.compile(source, flags)
        compiled = re.compile(rf"(?<!\w)(?:{source})(?!\w)", flags)
    except re.error as error:
        problem(key, f"is not a valid regular expression ({error})")
        return None
    if bare.fullmatch("") is not None:
        problem(key, "must not match empty text")
        return None
    return compiled


# --- checking ---------------------------------------------------------------------------------


def check(text: str, rules: Sequence[Rule] | None = None) -> list[WordingWarning]:
    """Warnings for ``text`` in the order they appear.

    A rule reports each place once. Where one rule's finding lies wholly inside another's (the
    acronym "ESR" inside "sign off via ESR"), only the wider finding is kept.
    """
    if not text:
        return []
    found: list[tuple[int, int, int, WordingWarning]] = []
    for order, rule in enumerate(_packaged_rules() if rules is None else rules):
        if rule.unless is not None and rule.unless.search(text):
            continue
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if start == end:
                continue
            warning = WordingWarning(
                rule_id=rule.id,
                matched=match.group(),
                start=start,
                end=end,
                message=rule.message,
                suggestion=rule.suggestion,
            )
            found.append((start, start - end, order, warning))
    found.sort(key=lambda item: item[:3])

    # Sorted by start, longest first: a finding is inside an earlier one exactly when it ends no
    # later than the furthest end kept so far.
    kept: list[WordingWarning] = []
    furthest = -1
    for _, _, _, warning in found:
        if warning.end > furthest:
            kept.append(warning)
            furthest = warning.end
    return kept


def check_fields(
    fields: Mapping[str, str], rules: Sequence[Rule] | None = None
) -> dict[str, list[WordingWarning]]:
    """Warnings for each field of a form, keyed by field name; fields without any are left out."""
    active = _packaged_rules() if rules is None else rules
    result: dict[str, list[WordingWarning]] = {}
    for name, text in fields.items():
        warnings = check(text or "", active)
        if warnings:
            result[name] = warnings
    return result
