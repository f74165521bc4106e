"""Schools, ambassadors and visits: importing the register, keeping the ambassadors' register and
recording visits. Each service runs in one transaction, writes the audit log and answers a
broken rule with ``ServiceError(message, field=...)`` having written nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import Organisation, User
from oneworkforce.talent.models import Campaign

from ..models import Ambassador, School, SchoolVisit
from .gias import read_schools

FIELDS = ("name", "kind", "phase", "postcode", "local_authority", "is_open", "in_scope")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    in_scope: int


@transaction.atomic
def schools_import(*, data: bytes, source: str, actor: User | None = None) -> ImportResult:
    """Add or update every school in a Get Information About Schools extract, matched by URN.
    Raises :class:`SchoolFileError` naming each faulty line, having written nothing."""
    rows = read_schools(data)
    held = {school.urn: school for school in School.objects.filter(urn__in=[r.urn for r in rows])}
    created = updated = unchanged = 0
    for row in rows:
        values = {
            "name": row.name,
            "kind": row.kind,
            "phase": row.phase,
            "postcode": row.postcode,
            "local_authority": row.local_authority,
            "is_open": row.is_open,
            "in_scope": row.in_scope,
        }
        school = held.get(row.urn)
        if school is None:
            School.objects.create(urn=row.urn, **values)
            created += 1
        elif any(getattr(school, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(school, name, value)
            school.save()
            updated += 1
        else:
            unchanged += 1
    result = ImportResult(created, updated, unchanged, sum(1 for r in rows if r.in_scope))
    marker = School.objects.filter(urn=rows[0].urn).first()
    if marker is not None:
        audit.record(
            actor=actor,
            action="careers.schools_imported",
            obj=marker,
            label=f"Schools from {source[:100]}",
            changes={"created": created, "updated": updated, "unchanged": unchanged},
        )
    return result


def _days(value: Decimal | None, field: str, most: int) -> Decimal:
    if value is None or value < 0 or value > most:
        raise ServiceError(f"Enter a number of days from 0 to {most}", field=field)
    return value


@transaction.atomic
def ambassador_save(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    email: str = "",
    trained_on: dt.date | None = None,
    release_days_agreed: Decimal | None = Decimal(0),
    schools: list[School] | None = None,
    ambassador: Ambassador | None = None,
) -> Ambassador:
    """Add an ambassador to the register, or change one."""
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError("Enter the ambassador's name", field="name")
    if trained_on is not None and trained_on > timezone.localdate():
        raise ServiceError("The training date must be today or in the past", field="trained_on")
    days = _days(release_days_agreed, "release_days_agreed", 60)
    target = ambassador or Ambassador(created_by=actor)
    target.organisation, target.name = organisation, name
    target.email = (email or "").strip().lower()
    target.trained_on, target.release_days_agreed = trained_on, days
    target.save()
    if schools is not None:
        target.schools.set(schools)
    audit.record(
        actor=actor,
        action="careers.ambassador_saved",
        obj=target,
        organisation=organisation,
        changes={"schools": len(schools or []), "release_days_agreed": str(days)},
    )
    return target


@transaction.atomic
def visit_record(
    *,
    actor: User,
    school: School,
    on: dt.date,
    ambassadors: list[Ambassador],
    year_groups: str,
    pupils: int,
    release_days: Decimal | None = Decimal("0.5"),
    campaign: Campaign | None = None,
) -> SchoolVisit:
    """Record a visit or talk at a school or college."""
    if on > timezone.localdate():
        raise ServiceError("Record a visit once it has happened", field="on")
    if not ambassadors:
        raise ServiceError("Choose the ambassadors who went", field="ambassadors")
    if not (year_groups or "").strip():
        raise ServiceError("Enter the year groups, like Years 10 and 11", field="year_groups")
    if pupils is None or pupils < 1:
        raise ServiceError("Enter how many pupils took part, 1 or more", field="pupils")
    days = _days(release_days, "release_days", 5)
    visit = SchoolVisit.objects.create(
        school=school,
        on=on,
        year_groups=year_groups.strip(),
        pupils=pupils,
        release_days=days,
        campaign=campaign,
        recorded_by=actor,
    )
    visit.ambassadors.set(ambassadors)
    audit.record(
        actor=actor,
        action="careers.visit_recorded",
        obj=visit,
        changes={"school": school.urn, "pupils": pupils, "ambassadors": len(ambassadors)},
    )
    return visit
