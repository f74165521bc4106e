"""Import candidates from a CSV file (for example a list from an outreach event): every line is
checked, each bad line is reported by its number and column, and nothing is written unless
every line is good (one transaction). A person already held (same e-mail address or phone
number), or given twice in the file, is a problem naming them: merging is done one by one on
the candidate's page, where the coordinator can see both records.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.choices import JobFamily
from oneworkforce.partners.models import User

from .. import common, csv_files
from ..csv_files import ImportProblems, read_choice, read_date, read_yes_no
from ..models import Campaign, Candidate, Hours, LawfulBasis
from .services import find_duplicate

COLUMNS = (
    ("name", "The person's full name"),
    ("email", "E-mail address (an e-mail address or a phone number is needed)"),
    ("phone", "Phone number"),
    ("postcode", "Home postcode (optional)"),
    (
        "kinds_of_work",
        "Optional; separate several with ;, each one of: " + ", ".join(JobFamily.values),
    ),
    ("hours", "One of: " + ", ".join(Hours.values) + " (optional; any when empty)"),
    ("out_of_work", "yes or no (optional; no)"),
    ("months_out_of_work", "A whole number (optional)"),
    ("lawful_basis", "One of: " + ", ".join(LawfulBasis.values)),
    ("consent_date", "YYYY-MM-DD, needed when the lawful basis is consent"),
    ("campaign", "The campaign's short code, as in its link (optional)"),
)
REQUIRED = ("name", "lawful_basis")
EXAMPLE = (
    "Jo Example",
    "jo@example.net",
    "07700 900123",
    "LS9 7AB",
    "care_support;admin",
    "part_time",
    "yes",
    "8",
    "consent",
    "2026-11-02",
    "",
)


def template() -> tuple[list[str], list[list[str]]]:
    return [name for name, _ in COLUMNS], [list(EXAMPLE)]


def _read(number: int, row: dict[str, str], problems: list[str]) -> dict[str, Any] | None:
    values: dict[str, Any] = {"line": number}
    before = len(problems)

    def problem(column: str, message: str) -> None:
        problems.append(f"Line {number}, {column}: {message}")

    for column in REQUIRED:
        if not row.get(column):
            problem(column, "this is empty")
    try:
        values["email"] = common.normalise_email(row.get("email"))
        values["phone"] = common.normalise_phone(row.get("phone"))
    except ServiceError as error:
        problem("phone", error.message)
    if not values.get("email") and not values.get("phone") and not row.get("phone"):
        problem("email", "give an e-mail address or a phone number")
    if values.get("email") and ("@" not in values["email"] or len(values["email"]) > 254):
        problem("email", "write an e-mail address, like name@example.com")
    try:
        values["place"] = common.place(row.get("postcode"))
    except ServiceError as error:
        problem("postcode", error.message)
    readers = (
        ("hours", lambda t: read_choice(t, Hours) if t else Hours.ANY),
        ("out_of_work", lambda t: read_yes_no(t) if t else False),
        ("lawful_basis", lambda t: read_choice(t, LawfulBasis) if t else ""),
        ("consent_date", read_date),
    )
    for column, reader in readers:
        try:
            values[column] = reader(row.get(column, ""))
        except ValueError as error:
            problem(column, str(error))
    kinds = [k.strip() for k in row.get("kinds_of_work", "").split(";") if k.strip()]
    try:
        values["kinds"] = sorted({read_choice(k, JobFamily) for k in kinds})
    except ValueError as error:
        problem("kinds_of_work", str(error))
    months = row.get("months_out_of_work", "")
    if months and (not months.isdigit() or int(months) > 600):
        problem("months_out_of_work", "write a whole number of months, like 6")
    values["months"] = int(months) if months.isdigit() and int(months) <= 600 else None
    if values.get("lawful_basis") == LawfulBasis.CONSENT and not values.get("consent_date"):
        problem("consent_date", "give the date they agreed, as the lawful basis is consent")
    if values.get("consent_date") and values["consent_date"] > timezone.localdate():
        problem("consent_date", "the date cannot be in the future")
    code = row.get("campaign", "").upper()
    values["campaign"] = Campaign.objects.filter(code=code).first() if code else None
    if code and values["campaign"] is None:
        problem("campaign", f"no campaign has the code {code}")
    values["name"] = " ".join(row.get("name", "").split())[:150]
    return values if len(problems) == before else None


def candidates_import(*, actor: User, data: bytes) -> int:
    """Read ``data`` (a UTF-8 CSV) and add every person in it, or none."""
    problems: list[str] = []
    people: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, row in csv_files.lines(data, required=REQUIRED, noun="people"):
        values = _read(number, row, problems)
        if values is None:
            continue
        for key in ("email", "phone"):
            if values[key]:
                earlier = seen.setdefault(f"{key}:{values[key]}", number)
                if earlier != number:
                    problems.append(f"Line {number}, {key}: the same as line {earlier}")
        held = find_duplicate(email=values["email"], phone=values["phone"])
        if held is not None:
            problems.append(
                f"Line {number}, email: already held as {held.reference}; add the details on "
                "their page instead"
            )
        people.append(values)
    if not people and not problems:
        raise ImportProblems(["Line 2: the file has no people under its header"])
    if problems:
        raise ImportProblems(problems)
    return _write(actor, people)


@transaction.atomic
def _write(actor: User, people: list[dict[str, Any]]) -> int:
    now = timezone.now()
    for values in people:
        place = values["place"]
        consent = values["consent_date"]
        candidate = Candidate.objects.create(
            full_name=values["name"],
            email=values["email"],
            phone=values["phone"],
            postcode=place.postcode if place else "",
            outward_code=place.outward_code if place else "",
            deprivation_decile=place.deprivation_decile if place else None,
            campaign=values["campaign"],
            community=values["campaign"].community if values["campaign"] else "",
            interest_families=values["kinds"],
            hours=values["hours"],
            previously_unemployed=values["out_of_work"],
            unemployed_months=values["months"] if values["out_of_work"] else None,
            lawful_basis=values["lawful_basis"],
            consent_at=(
                timezone.make_aware(dt.datetime.combine(consent, dt.time(12))) if consent else None
            ),
            created_by=actor,
            created_at=now,
            last_activity_at=now,
        )
        audit.record(
            actor=actor,
            action="talent.candidate_imported",
            obj=candidate,
            label=f"Candidate {candidate.reference}",
            changes={"line": values["line"], "lawful_basis": values["lawful_basis"]},
        )
    return len(people)
