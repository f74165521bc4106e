"""Import vacancies from a CSV file: every line is checked, each bad line is reported by its number
and column, and nothing is written unless every line is good (one transaction).

A line whose partner already has a vacancy with the same ``reference`` updates that vacancy, so a
partner can send the same export again after a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.choices import JobFamily, WorkArea
from oneworkforce.partners.models import Organisation, User

from .. import csv_files
from ..csv_files import ImportProblems, read_choice, read_date, read_yes_no
from ..models import Hours, Vacancy
from . import services

COLUMNS = (
    ("partner", "The partner's short name in the directory (its web address name) or full name"),
    ("reference", "Your reference for the vacancy (optional; a repeated reference updates it)"),
    ("title", "The vacancy's title"),
    ("kind_of_work", "One of: " + ", ".join(JobFamily.values)),
    ("where", "One of: " + ", ".join(WorkArea.values)),
    ("hours", "One of: " + ", ".join(Hours.values) + " (optional; any when empty)"),
    ("postcode", "The workplace's postcode (optional)"),
    ("places", "Number of places, a whole number (optional; 1 when empty)"),
    ("closes_on", "Closing date as YYYY-MM-DD (optional)"),
    ("new_to_care", "yes or no: open to people new to health and care (optional; yes)"),
    ("pay", "Pay (optional)"),
    ("description", "About the vacancy (optional)"),
)
REQUIRED = ("partner", "title", "kind_of_work", "where")
EXAMPLE = (
    "brightpath-home-care",
    "HC-2026-04",
    "Home care worker",
    "care_support",
    "social_care",
    "flexible",
    "LS11 5AB",
    "4",
    "2026-12-31",
    "yes",
    "£12.60 an hour",
    "Visiting people at home to help with daily life. Full training given.",
)


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


def template() -> tuple[list[str], list[list[str]]]:
    return [name for name, _ in COLUMNS], [list(EXAMPLE)]


def _places(text: str) -> int:
    if not text:
        return 1
    if not text.isdigit() or not 1 <= int(text) <= 500:
        raise ValueError("write a whole number from 1 to 500")
    return int(text)


def _organisation(text: str, allowed: Any) -> Organisation:
    found = allowed.filter(Q(slug=text) | Q(name__iexact=text)).first()
    if found is None:
        raise ValueError(f"“{text}” is not a partner you can add vacancies for")
    return found


def vacancies_import(*, actor: User, data: bytes, organisations: Any) -> ImportResult:
    """Read ``data`` (a UTF-8 CSV) and add or update vacancies for ``organisations`` only."""
    problems: list[str] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    seen: dict[tuple[int, str], int] = {}
    for number, row in csv_files.lines(data, required=REQUIRED, noun="vacancies"):
        values: dict[str, Any] = {}
        for column, reader_fn in (
            ("partner", lambda t: _organisation(t, organisations)),
            ("kind_of_work", lambda t: read_choice(t, JobFamily)),
            ("where", lambda t: read_choice(t, WorkArea)),
            ("hours", lambda t: read_choice(t, Hours) if t else Hours.ANY),
            ("places", _places),
            ("closes_on", read_date),
            ("new_to_care", read_yes_no),
        ):
            cell = row.get(column, "")
            if column in REQUIRED and not cell:
                problems.append(f"Line {number}, {column}: this is empty")
                continue
            try:
                values[column] = reader_fn(cell)
            except ValueError as error:
                problems.append(f"Line {number}, {column}: {error}")
        if not row.get("title"):
            problems.append(f"Line {number}, title: this is empty")
        reference = row.get("reference", "")
        if len(reference) > 64:
            problems.append(f"Line {number}, reference: write 64 characters or fewer")
        organisation = values.get("partner")
        if organisation is not None and reference:
            earlier = seen.setdefault((organisation.pk, reference), number)
            if earlier != number:
                problems.append(f"Line {number}, reference: {reference} is also on line {earlier}")
        values.update(
            title=row.get("title", "")[:150],
            reference=reference,
            postcode=row.get("postcode", ""),
            pay=row.get("pay", "")[:100],
            description=row.get("description", "")[:5000],
        )
        rows.append((number, values))
    if not rows and not problems:
        raise ImportProblems(["Line 2: the file has no vacancies under its header"])
    if problems:
        raise ImportProblems(problems)
    return _write(actor, rows)


@transaction.atomic
def _write(actor: User, rows: list[tuple[int, dict[str, Any]]]) -> ImportResult:
    added = updated = 0
    problems = []
    for number, values in rows:
        organisation = values["partner"]
        existing = (
            Vacancy.objects.filter(
                organisation=organisation, external_ref=values["reference"]
            ).first()
            if values["reference"]
            else None
        )
        try:
            with transaction.atomic():
                services.vacancy_save(
                    actor=actor,
                    organisation=organisation,
                    vacancy=existing,
                    title=values["title"],
                    job_family=values["kind_of_work"],
                    work_area=values["where"],
                    hours=values["hours"],
                    postcode=values["postcode"],
                    places=values["places"],
                    closes_on=values["closes_on"],
                    entry_level=values["new_to_care"],
                    pay=values["pay"],
                    description=values["description"],
                    external_ref=values["reference"],
                    is_open=existing.is_open if existing else True,
                    source=Vacancy.Source.IMPORT,
                )
        except ServiceError as error:
            problems.append(f"Line {number}, {error.field or 'line'}: {error.message}")
            continue
        if existing:
            updated += 1
        else:
            added += 1
    if problems:
        raise ImportProblems(problems)  # rolls back every line written above
    if rows:
        audit.record(
            actor=actor,
            action="talent.vacancies_imported",
            obj=rows[0][1]["partner"],
            changes={"added": added, "updated": updated},
        )
    return ImportResult(added=added, updated=updated)
