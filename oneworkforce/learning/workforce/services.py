"""Workforce compliance workflows: giving many people job roles at once (a selection, or a CSV
of e-mail addresses and job roles checked line by line, nothing written if any line is wrong),
reminders to those whose training has run out, is running out or was never done (at most one a
week for each person and requirement), and the day's figures. Each runs in one transaction and
is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core import audit, uploads
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.models import Affiliation, Organisation, Site, User

from ..bookings import mail
from ..models import ComplianceFigure, ComplianceReminder, JobRole, Requirement, StaffRecord
from . import stored
from .grid import Row, matching_listing, workforce_grid
from .models import TeamManager

REMIND_EVERY = dt.timedelta(days=7)
REMIND_STATES = ("expiring", "expired", "missing")
MAX_LINES = 5000
CSV_COLUMNS = ("email", "job_role", "team", "site")


@dataclass(frozen=True)
class Assignment:
    person: User
    job_role: JobRole
    team: str | None = None  # None: leave as it is
    site: Site | None = None


def _confirmed(organisation: Organisation) -> dict[str, User]:
    """The partner's confirmed people by lower-case e-mail address."""
    people = User.objects.filter(
        pk__in=Affiliation.objects.filter(
            organisation=organisation, status=AffiliationStatus.CONFIRMED
        ).values("user_id"),
        is_active=True,
    )
    return {p.email.lower(): p for p in people}


def assignments_read(*, organisation: Organisation, data: bytes) -> list[Assignment]:
    """Read a CSV with the columns ``email`` and ``job_role`` (and optionally ``team`` and
    ``site``). Every line is checked; any problem raises one :class:`ServiceError` naming each
    wrong line (up to 20), so nothing is written."""
    try:
        text = uploads.decode(data)
        records = list(uploads.csv_rows(text))
    except uploads.UploadError as error:
        raise ServiceError(f"The file cannot be read: {error}", field="file") from None
    if not records:
        raise ServiceError(
            "The file is empty: it needs a header line and a line for each person.", field="file"
        )
    header_line, header = records[0]
    columns = [h.strip().lower().replace(" ", "_") for h in header]
    missing = [c for c in ("email", "job_role") if c not in columns]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if missing or unknown:
        raise ServiceError(
            f"Line {header_line}: the header must name the columns email and job_role (and may "
            f"add team and site){'; missing ' + ', '.join(missing) if missing else ''}"
            f"{'; unknown ' + ', '.join(unknown) if unknown else ''}.",
            field="file",
        )
    if len(records) - 1 > MAX_LINES:
        raise ServiceError(f"The file has more than {MAX_LINES:,} people: split it.", field="file")
    people = _confirmed(organisation)
    roles = {jr.name.strip().lower(): jr for jr in JobRole.objects.for_organisation(organisation)}
    sites = {s.name.strip().lower(): s for s in Site.objects.filter(organisation=organisation)}
    problems: list[str] = []
    seen: dict[tuple[int, int], int] = {}
    found: list[Assignment] = []
    for line, values in records[1:]:
        value = dict(zip(columns, (v.strip() for v in values), strict=False))
        if len(values) > len(columns):
            problems.append(f"Line {line}: has more values than the header has columns")
            continue
        email, role_name = value.get("email", ""), value.get("job_role", "")
        person, job_role = people.get(email.lower()), roles.get(role_name.lower())
        site_name = value.get("site", "")
        site = sites.get(site_name.lower()) if site_name else None
        if not email:
            problems.append(f"Line {line}: the e-mail address is empty")
        elif person is None:
            problems.append(
                f"Line {line}: no one whose work with you is confirmed has the e-mail "
                f"address {email}"
            )
        if not role_name:
            problems.append(f"Line {line}: the job role is empty")
        elif job_role is None:
            problems.append(f"Line {line}: you have no job role called {role_name}")
        if site_name and site is None:
            problems.append(f"Line {line}: you have no site called {site_name}")
        if person is None or job_role is None or (site_name and site is None):
            continue
        key = (person.pk, job_role.pk)
        if key in seen:
            problems.append(f"Line {line}: repeats line {seen[key]} ({email}, {job_role.name})")
            continue
        seen[key] = line
        team = value.get("team") if "team" in columns else None
        found.append(Assignment(person, job_role, team[:100] if team else team, site))
    if problems:
        shown = problems[:20]
        more = len(problems) - len(shown)
        raise ServiceError(
            "Nothing was saved. " + ". ".join(shown) + (f". And {more} more." if more else "."),
            field="file",
        )
    return found


@transaction.atomic
def job_roles_assign(
    *, actor: User, organisation: Organisation, assignments: Sequence[Assignment]
) -> int:
    """Give each person their job role (and team and site where given). Only people whose work
    with the partner is confirmed, and only the partner's own job roles. Returns how many job
    roles were newly given."""
    with stored.deferred():  # the people's stored grid rows, refreshed once at the end
        return _assign(actor, organisation, assignments)


def _assign(actor: User, organisation: Organisation, assignments: Sequence[Assignment]) -> int:
    people = _confirmed(organisation)
    added = 0
    for item in assignments:
        if item.job_role.organisation_id != organisation.pk:
            raise ServiceError("Choose one of your own job roles.", field="job_role")
        if people.get(item.person.email.lower()) != item.person:
            raise ServiceError(
                f"{item.person.display_name}'s work with you is not confirmed.", field="people"
            )
        record, _ = StaffRecord.objects.get_or_create(organisation=organisation, person=item.person)
        changed = {}
        if item.team is not None and item.team != record.team:
            changed["team"], record.team = item.team, item.team
        if item.site is not None and item.site != record.site:
            changed["site"], record.site = item.site.name, item.site
        if changed:
            record.save()
        if not item.job_role.members.filter(pk=item.person.pk).exists():
            item.job_role.members.add(item.person)
            added += 1
            changed["person"] = item.person.pk
        if changed:
            audit.record(
                actor=actor,
                action="learning.role_member_added",
                obj=item.job_role,
                changes=changed,
                organisation=organisation,
            )
    return added


def _link(requirement: Requirement) -> str:
    listing = matching_listing(requirement)
    if listing is not None:
        return settings.SITE_URL + reverse("learning:opportunity", args=[listing.slug])
    return settings.SITE_URL + reverse("learning:search") + f"?requirement={requirement.code}"


@transaction.atomic
def reminders_send(
    *,
    actor: User,
    organisation: Organisation,
    requirements: Iterable[Requirement],
    rows: Iterable[Row],
    teams: Sequence[str] | None = None,
) -> tuple[int, int]:
    """E-mail each person in ``rows`` about each requirement expiring, expired or missing
    without a place booked, with a link to learning that meets it; not when they were
    reminded about it in the last week. ``teams``: sent by a manager of those teams. Returns
    (e-mails sent, reminders held back)."""
    now = timezone.now()
    by_pk = {r.pk: r for r in requirements}
    rows = list(rows)
    staff = dict(
        StaffRecord.objects.filter(organisation=organisation).values_list("person_id", "pk")
    )
    recent = set(
        ComplianceReminder.objects.filter(
            staff__organisation=organisation, sent_at__gt=now - REMIND_EVERY
        ).values_list("staff__person_id", "requirement_id")
    )
    links: dict[int, str] = {}
    sent = held = 0
    for row in rows:
        due = [s for s in row.cells.values() if s.shown in REMIND_STATES]
        fresh = [s for s in due if (row.person_id, s.requirement_id) not in recent]
        held += len(due) - len(fresh)
        if not fresh:
            continue
        lines = [f"{organisation.name} asks you to keep this training up to date for your work:"]
        for standing in fresh:
            requirement = by_pk[standing.requirement_id]
            link = links.setdefault(requirement.pk, _link(requirement))
            lines.append(f"- {requirement}: {_worded(standing)}. Find it: {link}")
        mail.send(to=row.email, subject="Training your work needs", lines=lines)
        if row.person_id not in staff:  # given a job role before staff records existed
            staff[row.person_id] = StaffRecord.objects.get_or_create(
                organisation=organisation, person_id=row.person_id
            )[0].pk
        ComplianceReminder.objects.bulk_create(
            ComplianceReminder(
                staff_id=staff[row.person_id], requirement_id=s.requirement_id, sent_at=now
            )
            for s in fresh
        )
        sent += 1
    audit.record(
        actor=actor,
        action="learning.compliance_reminders_sent",
        obj=organisation,
        changes={"people": sent, "held_back": held, **({"teams": list(teams)} if teams else {})},
        organisation=organisation,
    )
    return sent, held


def _worded(standing: object) -> str:
    expires = getattr(standing, "expires_on", None)
    state = getattr(standing, "shown", "")
    if state == "expiring" and expires is not None:
        return f"runs out on {expires:%-d %B %Y}"
    if state == "expired" and expires is not None:
        return f"ran out on {expires:%-d %B %Y}"
    return "not done yet"


def figure_record(*, organisation: Organisation, day: dt.date) -> ComplianceFigure:
    """Record (or replace) the partner's counts for ``day``, as the grid stands on it."""
    grid = workforce_grid(organisation, day)
    counts = grid.counts()
    figure, _ = ComplianceFigure.objects.update_or_create(
        organisation=organisation,
        day=day,
        defaults={"people": sum(1 for r in grid.rows if r.cells), **counts},
    )
    return figure


@transaction.atomic
def team_manager_name(
    *, actor: User, organisation: Organisation, email: str, team: str
) -> TeamManager:
    """Name a person whose work with the partner is confirmed as the manager of one of its
    teams: they will see that team's compliance grid, its CSV and send its reminders."""
    person = _confirmed(organisation).get(email.strip().lower())
    if person is None:
        raise ServiceError(
            f"No one whose work with {organisation.name} is confirmed has the e-mail address "
            f"{email.strip()}.",
            field="email",
        )
    teams = set(
        StaffRecord.objects.filter(organisation=organisation)
        .exclude(team="")
        .values_list("team", flat=True)
    )
    if team not in teams:
        raise ServiceError("Choose one of your teams.", field="team")
    manager, created = TeamManager.objects.get_or_create(
        organisation=organisation, team=team, person=person, defaults={"named_by": actor}
    )
    if not created:
        raise ServiceError(f"{person.display_name} already manages {team}.", field="email")
    audit.record(
        actor=actor,
        action="learning.team_manager_named",
        obj=organisation,
        changes={"person": person.pk, "team": team},
        organisation=organisation,
    )
    return manager


@transaction.atomic
def team_manager_remove(*, actor: User, organisation: Organisation, manager_id: int) -> None:
    manager = TeamManager.objects.filter(organisation=organisation, pk=manager_id).first()
    if manager is None:
        raise ServiceError("That person no longer manages a team here.")
    manager.delete()
    audit.record(
        actor=actor,
        action="learning.team_manager_removed",
        obj=organisation,
        changes={"person": manager.person_id, "team": manager.team},
        organisation=organisation,
    )
