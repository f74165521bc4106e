"""Blocks of the placement year, education providers' programmes, students and requests.

Each function takes keyword-only arguments, runs in one transaction, checks who may act and
writes the audit log. Refusals raise ``ServiceError`` naming the field (or the file line).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from oneworkforce.core import audit, geography, uploads
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.access import can_administer
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Organisation, User

from .. import access
from ..environments.services import clean_postcode
from ..models import Block, PlacementRequest, Profession, Programme, SettingRequirement, Student

STUDENT_COLUMNS = ("reference", "name", "email", "home_postcode")
MAX_IMPORT_BYTES = 1_000_000


@transaction.atomic
def block_add(*, actor: User, name: str, starts_on: dt.date, ends_on: dt.date) -> Block:
    if not access.is_coordinator(actor):
        raise ServiceError("Only placements coordinators set the blocks of the year.")
    name = " ".join(name.split())
    if not name:
        raise ServiceError("Enter the block's name.", field="name")
    if ends_on <= starts_on:
        raise ServiceError("The block must end after it starts.", field="ends_on")
    if Block.objects.filter(name__iexact=name).exists():
        raise ServiceError(f"There is already a block called {name}.", field="name")
    block = Block.objects.create(name=name, starts_on=starts_on, ends_on=ends_on)
    audit.record(
        actor=actor,
        action="placements.block_added",
        obj=block,
        changes={"name": {"from": None, "to": name}},
    )
    return block


@transaction.atomic
def programme_add(
    *,
    actor: User,
    provider: Organisation,
    name: str,
    profession: str,
    year: int,
    field: str = "",
    requirement: str = "",
    max_travel_minutes: int = 60,
) -> Programme:
    if not can_administer(actor, provider):
        raise ServiceError(f"Only {provider.name}'s admins add its programmes.")
    if provider.sector != Sector.EDUCATION:
        raise ServiceError(
            f"{provider.name} is not a partner of the education sector, so it cannot run"
            " programmes that request placements."
        )
    name = " ".join(name.split())
    if not name:
        raise ServiceError("Enter the programme's name.", field="name")
    if profession not in Profession.values:
        raise ServiceError("Choose the profession.", field="profession")
    if not 1 <= year <= 4:
        raise ServiceError("The year of study must be from 1 to 4.", field="year")
    if requirement not in SettingRequirement.values:
        raise ServiceError("Choose the setting requirement.", field="requirement")
    if not 10 <= max_travel_minutes <= 180:
        raise ServiceError(
            "The longest journey must be from 10 to 180 minutes.", field="max_travel_minutes"
        )
    if Programme.objects.filter(provider=provider, name__iexact=name, year=year).exists():
        raise ServiceError(f"{provider.name} already has {name}, year {year}.", field="name")
    programme = Programme.objects.create(
        provider=provider,
        name=name,
        profession=profession,
        field=field.strip(),
        year=year,
        requirement=requirement,
        max_travel_minutes=max_travel_minutes,
    )
    audit.record(
        actor=actor,
        action="placements.programme_added",
        obj=programme,
        organisation=provider,
        changes={"name": {"from": None, "to": name}, "year": {"from": None, "to": year}},
    )
    return programme


@transaction.atomic
def request_submit(
    *,
    actor: User,
    programme: Programme,
    block: Block,
    students: int,
    starts_on: dt.date,
    ends_on: dt.date,
    required_hours: int,
) -> PlacementRequest:
    """A programme's request for places in a block: its dates must lie within the block."""
    if not access.can_manage_programme(actor, programme):
        raise ServiceError(f"Only {programme.provider.name}'s admins request its placements.")
    if not 1 <= students <= 2000:
        raise ServiceError("Ask for from 1 to 2,000 students.", field="students")
    if starts_on < block.starts_on:
        raise ServiceError(
            f"The placement cannot start before the block does ({block.starts_on:%-d %B %Y}).",
            field="starts_on",
        )
    if ends_on > block.ends_on:
        raise ServiceError(
            f"The placement cannot end after the block does ({block.ends_on:%-d %B %Y}).",
            field="ends_on",
        )
    if ends_on <= starts_on:
        raise ServiceError("The placement must end after it starts.", field="ends_on")
    weeks = ((ends_on - starts_on).days + 1) / 7
    if not 1 <= required_hours <= weeks * 48:
        raise ServiceError(
            f"Required hours must be from 1 to {int(weeks * 48)} (48 a week over these dates).",
            field="required_hours",
        )
    if PlacementRequest.objects.filter(programme=programme, block=block).exists():
        raise ServiceError(f"{programme} already has a request for {block}.", field="block")
    made = PlacementRequest.objects.create(
        programme=programme,
        block=block,
        students=students,
        starts_on=starts_on,
        ends_on=ends_on,
        required_hours=required_hours,
        submitted_by=actor,
    )
    audit.record(
        actor=actor,
        action="placements.request_submitted",
        obj=made,
        organisation=programme.provider,
        changes={
            "students": {"from": None, "to": students},
            "block": {"from": None, "to": block.pk},
        },
    )
    return made


def _student_rows(text: str) -> list[dict[str, str]]:
    """The rows of a students CSV, or a ``ServiceError`` naming every bad line."""
    try:
        records = list(uploads.csv_rows(text))
    except uploads.UploadError as error:
        raise ServiceError(f"Line {error.line}: {error.message}.", field="file") from error
    if not records:
        raise ServiceError("The file is empty.", field="file")
    _, header = records[0]
    header = [h.strip().lower() for h in header]
    missing = [c for c in ("reference", "name") if c not in header]
    if missing:
        raise ServiceError(
            f"Line 1: the header must name the columns {', '.join(STUDENT_COLUMNS)};"
            f" {', '.join(missing)} is missing.",
            field="file",
        )
    rows, seen, problems = [], set(), []
    for number, values in records[1:]:
        if len(values) > len(header):
            problems.append(f"Line {number}: more values than columns.")
            continue
        row = {k: v.strip() for k, v in zip(header, values, strict=False)}
        empty = [c for c in ("reference", "name") if not row.get(c)]
        problems.extend(f"Line {number}: {column} is empty." for column in empty)
        if row.get("reference") and row["reference"] in seen:
            problems.append(f"Line {number}: reference {row['reference']} appears twice.")
        seen.add(row.get("reference"))
        if row.get("home_postcode"):
            try:
                row["home_postcode"] = clean_postcode(row["home_postcode"])
            except ServiceError as error:
                problems.append(f"Line {number}: {error.message}.")
        rows.append(row)
    if problems:
        # Every bad line at once, so the file is corrected in one go; nothing is written.
        raise ServiceError(" ".join(problems), field="file")
    if not rows:
        raise ServiceError("The file has no students after its header line.", field="file")
    return rows


@transaction.atomic
def students_import(*, actor: User, programme: Programme, data: bytes) -> int:
    """Adds or updates a programme's students from CSV (``reference,name,email,home_postcode``).
    One bad line refuses the whole file."""
    if not access.can_manage_programme(actor, programme):
        raise ServiceError(f"Only {programme.provider.name}'s admins add its students.")
    if len(data) > MAX_IMPORT_BYTES:
        raise ServiceError("The file is over 1 MB; split it.", field="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ServiceError(
            "The file is not UTF-8 text (save it as CSV UTF-8).", field="file"
        ) from error
    rows = _student_rows(text)
    places = geography.locate_many({r["home_postcode"] for r in rows if r.get("home_postcode")})
    for row in rows:
        point = places.get(row.get("home_postcode", ""))
        Student.objects.update_or_create(
            programme=programme,
            reference=row["reference"],
            defaults={
                "name": row["name"],
                "email": row.get("email", "").lower(),
                "home_postcode": row.get("home_postcode", ""),
                "latitude": point[0] if point else None,
                "longitude": point[1] if point else None,
                "user": User.objects.filter(email__iexact=row["email"]).first()
                if row.get("email")
                else None,
            },
        )
    audit.record(
        actor=actor,
        action="placements.students_imported",
        obj=programme,
        organisation=programme.provider,
        changes={"students": {"from": None, "to": len(rows)}},
    )
    return len(rows)
