"""Demo workforce compliance: most confirmed demo people at a partner with a job role hold it,
in a team; each partner's figures are recorded weekly for the last quarter, as its grid stood
then; the demo care worker (learner@) is named manager of their team. Deterministic (its own
seed) and safe to run twice."""

from __future__ import annotations

import datetime as dt
import random

from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.models import User

from ..models import JobRole, StaffRecord
from . import services, stored
from .models import TeamManager

SEED = 2027
TEAMS = ["Day team", "Night team", "Community team", ""]
WEEKS = 12
MANAGED_TEAM = "Community team"


def load(*, today: dt.date, domain: str) -> int:
    """Returns how many people were given a job role."""
    with stored.deferred():  # each partner's stored grid worked out once, at the end
        given = _job_roles(today=today, domain=domain)
    _manager(domain)
    # Bookings and completions the learning demo made in bulk send no signals: work every
    # stored grid out again from scratch.
    stored.everything_refresh(today)
    return given


def _manager(domain: str) -> None:
    """The demo care worker holds a job role at the partner they work for and manages their team
    there."""
    person = User.objects.filter(email=f"learner@{domain}").first()
    job_role = (
        JobRole.objects.filter(
            organisation__affiliations__user=person,
            organisation__affiliations__status=AffiliationStatus.CONFIRMED,
        )
        .order_by("pk")
        .first()
    )
    if person is None or job_role is None:
        return
    job_role.members.add(person)  # makes their staff record when they had none
    record = StaffRecord.objects.get(organisation=job_role.organisation, person=person)
    if not record.team:
        record.team = MANAGED_TEAM
        record.save(update_fields=["team"])
    TeamManager.objects.get_or_create(
        organisation=record.organisation, team=record.team, person=person
    )


def _job_roles(*, today: dt.date, domain: str) -> int:
    rng = random.Random(SEED)
    given = 0
    for job_role in JobRole.objects.select_related("organisation").order_by("pk"):
        partner = job_role.organisation
        people = User.objects.filter(
            affiliations__organisation=partner,
            affiliations__status=AffiliationStatus.CONFIRMED,
            email__endswith=domain,
        ).order_by("pk")
        for person in people:
            if rng.random() < 0.8:
                job_role.members.add(person)  # makes their staff record, with no team
                team = rng.choice(TEAMS)
                record = StaffRecord.objects.get(organisation=partner, person=person)
                if team and not record.team:
                    record.team = team
                    record.save(update_fields=["team"])
                given += 1
        for weeks in range(WEEKS, -1, -1):
            services.figure_record(organisation=partner, day=today - dt.timedelta(weeks=weeks))
    return given
