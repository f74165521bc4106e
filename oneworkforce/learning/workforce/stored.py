"""The stored compliance grid kept equal to the rule (ADR 018).

Each partner's grid is stored as one :class:`ComplianceRow` per person and one
:class:`ComplianceCell` per requirement of their job roles, worked out by the same code as the
computed grid (:func:`.grid.workforce_grid`, narrowed to the people concerned). It is refreshed:

- for a person, when their completions, bookings, job roles or confirmed work with a partner
  change; for everyone booked on a session or listing, when its time, cancellation or
  requirements change;
- for a whole partner, when its job roles, their requirements, its validity periods or the
  partners it accepts change (and for every partner using a requirement whose period changes);
- daily, by the ``learning-compliance-refresh`` job, for time passing (training that comes to
  expire soon or expires, sessions that have started).

The receivers below are connected by the app's ``ready``, so every way of changing the inputs
(services, the API, the demo, tests) is covered. Inside :func:`deferred` the refreshes are
collected and done once at the end, for changes to many people at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.models import Affiliation, Organisation, User

from ..models import (
    AcceptedIssuer,
    Booking,
    Completion,
    JobRole,
    Opportunity,
    Requirement,
    RequirementPolicy,
    Session,
    StaffRecord,
)
from .grid import workforce_grid
from .models import ComplianceCell, ComplianceRow

COUNTED = ("met", "expiring", "expired", "missing", "booked")
_pending = threading.local()


def rows_refresh(
    organisation_id: int, person_ids: Iterable[int] | None = None, today: dt.date | None = None
) -> int:
    """Work out the partner's rows again (only those people's when given) and store them.
    Returns how many rows are stored for them."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return 0
    today = today or timezone.localdate()
    only = None if person_ids is None else set(person_ids)
    grid = workforce_grid(organisation, today, only)
    with transaction.atomic():
        old = ComplianceRow.objects.filter(organisation_id=organisation_id)
        if only is not None:
            old = old.filter(person_id__in=only)
        old.delete()
        rows = ComplianceRow.objects.bulk_create(
            [_row(organisation_id, row, today) for row in grid.rows], batch_size=2000
        )
        _insert_cells(
            (stored.pk, s.requirement_id, s.state, s.booked, s.shown, s.expires_on)
            for stored, row in zip(rows, grid.rows, strict=True)
            for s in row.cells.values()
        )
    return len(rows)


CELL_COLUMNS = ("row_id", "requirement_id", "state", "booked", "shown", "expires_on")


def _insert_cells(values: Iterable[tuple[Any, ...]]) -> None:
    """Write cells as plain tuples: PostgreSQL's COPY, else one prepared INSERT run for each
    (a partner's 60,000 cells as model objects took seconds to build)."""
    table = ComplianceCell._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.connection.cursor()  # psycopg's own cursor, for COPY
            with raw.copy(f"COPY {table} ({', '.join(CELL_COLUMNS)}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            raw.close()
        else:
            marks = ", ".join(["%s"] * len(CELL_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(CELL_COLUMNS)}) VALUES ({marks})",  # noqa: S608 (names are ours)
                list(values),
            )


def _row(organisation_id: int, row: Any, today: dt.date) -> ComplianceRow:
    shown = [s.shown for s in row.cells.values()]
    return ComplianceRow(
        organisation_id=organisation_id,
        person_id=row.person_id,
        name=row.name,
        email=row.email,
        job_roles="; ".join(row.job_roles),
        needed=len(shown),
        needing_action=row.needing_action,
        refreshed_on=today,
        **{state: shown.count(state) for state in COUNTED},
    )


def _fresh_statistics(*stored: type[Model]) -> None:
    """PostgreSQL plans the grid's joins from its table statistics. After a bulk load (the demo,
    an import) they can still say the tables are empty, and the nested loops it then picks took
    30 s or more per partner on the demo's few thousand bookings. ANALYZE of the grid's inputs
    takes milliseconds; SQLite needs nothing. ``stored``: the stored grid's own tables, instead
    of its inputs, after many of its rows were written."""
    if connection.vendor != "postgresql":
        return
    if stored:
        _analyze([model._meta.db_table for model in stored])
        return
    tables = [
        model._meta.db_table
        for model in (Booking, Session, Opportunity, Completion, JobRole, StaffRecord)
    ]
    tables += [
        Opportunity.requirements.through._meta.db_table,
        JobRole.members.through._meta.db_table,
        JobRole.requirements.through._meta.db_table,
    ]
    _analyze(tables)


def _analyze(tables: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def everything_refresh(today: dt.date | None = None) -> int:
    """Every partner's rows again (the daily job): partners with job roles or stored rows."""
    _fresh_statistics()
    partners = set(JobRole.objects.values_list("organisation_id", flat=True).distinct())
    partners |= set(ComplianceRow.objects.values_list("organisation_id", flat=True).distinct())
    return sum(rows_refresh(pk, today=today) for pk in sorted(partners))


# Collecting what to refresh --------------------------------------------------------------------


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect the refreshes asked for inside the block and do each once at its end, with the
    statistics of the grid's inputs brought up to date first (a bulk load inside the block, the
    demo or a CSV of job roles, can leave them saying the tables are empty)."""
    if getattr(_pending, "work", None) is not None:  # already collecting: the outer block does it
        yield
        return
    _pending.work = (set(), defaultdict(set))
    try:
        yield
        partners, people = _pending.work
    finally:
        _pending.work = None
    if partners or people:  # many rows were written in bulk: the planner needs to know
        _fresh_statistics()
    for organisation_id in sorted(partners):
        rows_refresh(organisation_id)
    for organisation_id, person_ids in sorted(people.items()):
        if organisation_id not in partners:
            rows_refresh(organisation_id, person_ids)
    if partners or people:
        _fresh_statistics(ComplianceRow, ComplianceCell)  # and of the rows just written


def partners_changed(organisation_ids: Iterable[int]) -> None:
    work = getattr(_pending, "work", None)
    for organisation_id in set(organisation_ids):
        if work is not None:
            work[0].add(organisation_id)
        else:
            rows_refresh(organisation_id)


def _people_at(organisation_id: int, person_ids: Iterable[int]) -> None:
    person_ids = set(person_ids)
    if not person_ids:
        return
    work = getattr(_pending, "work", None)
    if work is not None:
        work[1][organisation_id] |= person_ids
    else:
        rows_refresh(organisation_id, person_ids)


def _people(person_ids: Iterable[int]) -> None:
    """Refresh these people wherever they have job roles (only there can their training or
    bookings change a cell)."""
    person_ids = set(person_ids)
    if not person_ids:
        return
    pairs = JobRole.members.through.objects.filter(user_id__in=person_ids).values_list(
        "jobrole__organisation_id", "user_id"
    )
    by_partner: dict[int, set[int]] = defaultdict(set)
    for organisation_id, user_id in pairs:
        by_partner[organisation_id].add(user_id)
    for organisation_id, ids in by_partner.items():
        _people_at(organisation_id, ids)


# Receivers --------------------------------------------------------------------------------------


def _cascading(kw: dict[str, Any]) -> bool:
    """Is this deletion part of deleting a person or a partner? Their rows go with them."""
    origin = kw.get("origin")
    model = getattr(origin, "model", type(origin))
    return model in (User, Organisation)


def _on_completion(sender: Any, instance: Completion, **kw: Any) -> None:
    if not _cascading(kw):
        _people([instance.learner_id])


def _on_completion_requirements(sender: Any, instance: Any, action: str, **kw: Any) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Completion):
        _people([instance.learner_id])
    else:  # from the requirement's side: the completions are in pk_set
        _people(
            Completion.objects.filter(pk__in=kw.get("pk_set") or ()).values_list(
                "learner_id", flat=True
            )
        )


def _on_booking(sender: Any, instance: Booking, **kw: Any) -> None:
    if not _cascading(kw):
        _people([instance.learner_id])


def _on_session(sender: Any, instance: Session, created: bool = False, **_: Any) -> None:
    if not created:  # a new session has no bookings; deleting one deletes its bookings
        _people(instance.bookings.values_list("learner_id", flat=True))


def _on_listing_requirements(sender: Any, instance: Any, action: str, **kw: Any) -> None:
    if not action.startswith("post_"):
        return
    listings = [instance.pk] if isinstance(instance, Opportunity) else kw.get("pk_set") or ()
    _people(
        Booking.objects.filter(session__opportunity_id__in=listings).values_list(
            "learner_id", flat=True
        )
    )


def _on_members(sender: Any, instance: Any, action: str, **kw: Any) -> None:
    if action == "pre_clear":  # remember who is removed, for post_clear
        instance._compliance_cleared = (
            [(instance.organisation_id, p) for p in instance.members.values_list("pk", flat=True)]
            if isinstance(instance, JobRole)
            else [
                (org, instance.pk)
                for org in instance.job_roles.values_list("organisation_id", flat=True)
            ]
        )
        return
    if not action.startswith("post_"):
        return
    pk_set = kw.get("pk_set") or ()
    if action == "post_clear":
        pairs = getattr(instance, "_compliance_cleared", [])
    elif isinstance(instance, JobRole):
        pairs = [(instance.organisation_id, pk) for pk in pk_set]
    else:  # from the person's side: pk_set holds job role ids
        organisations = JobRole.objects.filter(pk__in=pk_set).values_list("organisation_id")
        pairs = [(org, instance.pk) for (org,) in organisations]
    by_partner: dict[int, set[int]] = defaultdict(set)
    for organisation_id, person_id in pairs:
        by_partner[organisation_id].add(person_id)
    for organisation_id, ids in by_partner.items():
        _people_at(organisation_id, ids)


def _on_job_role_requirements(sender: Any, instance: Any, action: str, **kw: Any) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, JobRole):
        partners_changed([instance.organisation_id])
    else:  # from the requirement's side: pk_set holds job role ids
        partners_changed(
            JobRole.objects.filter(pk__in=kw.get("pk_set") or ()).values_list(
                "organisation_id", flat=True
            )
        )


def _on_job_role(sender: Any, instance: JobRole, created: bool = False, **kw: Any) -> None:
    if not created and not _cascading(kw):  # a new job role has no people yet
        partners_changed([instance.organisation_id])


def _on_partner_rule(sender: Any, instance: Any, **kw: Any) -> None:
    """A validity period or an accepted partner changed: the partner's whole grid."""
    if not _cascading(kw):
        partners_changed([instance.organisation_id])


def _on_requirement(sender: Any, instance: Requirement, created: bool = False, **_: Any) -> None:
    if not created:
        partners_changed(instance.job_roles.values_list("organisation_id", flat=True))


SHOWN_FIELDS = {"full_name", "email", "is_active"}


def _on_person(sender: Any, instance: User, created: bool = False, **kw: Any) -> None:
    """A person's name and e-mail address are stored on their rows, and only active people have
    rows: their rows again where what is stored differs (a saving of other fields, such as
    signing in, costs nothing)."""
    fields = kw.get("update_fields")
    if created or (fields is not None and not SHOWN_FIELDS & set(fields)):
        return
    rows = ComplianceRow.objects.filter(person_id=instance.pk)
    if not instance.is_active:
        partners = set(rows.values_list("organisation_id", flat=True))
    elif rows.exists():
        partners = set(
            rows.exclude(
                name=instance.full_name or instance.email, email=instance.email
            ).values_list("organisation_id", flat=True)
        )
    else:  # active again, or never on a grid: wherever their work is confirmed or job roles are
        partners = set(
            Affiliation.objects.filter(
                user_id=instance.pk, status=AffiliationStatus.CONFIRMED
            ).values_list("organisation_id", flat=True)
        ) | set(
            JobRole.members.through.objects.filter(user_id=instance.pk).values_list(
                "jobrole__organisation_id", flat=True
            )
        )
    for organisation_id in partners:
        _people_at(organisation_id, [instance.pk])


def _on_affiliation(sender: Any, instance: Affiliation, **kw: Any) -> None:
    if not _cascading(kw):
        _people_at(instance.organisation_id, [instance.user_id])


def connect() -> None:
    """Connect the receivers (from the app's ``ready``)."""
    uid = "learning-stored-compliance"
    for model, receiver in [
        (Completion, _on_completion),
        (Booking, _on_booking),
        (JobRole, _on_job_role),
        (RequirementPolicy, _on_partner_rule),
        (AcceptedIssuer, _on_partner_rule),
        (Affiliation, _on_affiliation),
    ]:
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-del-{model.__name__}")
    post_save.connect(_on_session, sender=Session, dispatch_uid=f"{uid}-session")
    post_save.connect(_on_person, sender=User, dispatch_uid=f"{uid}-person")
    post_save.connect(_on_requirement, sender=Requirement, dispatch_uid=f"{uid}-requirement")
    for through, receiver in [
        (Completion.requirements.through, _on_completion_requirements),
        (Opportunity.requirements.through, _on_listing_requirements),
        (JobRole.members.through, _on_members),
        (JobRole.requirements.through, _on_job_role_requirements),
    ]:
        m2m_changed.connect(receiver, sender=through, dispatch_uid=f"{uid}-{through.__name__}")
