"""Demo workforce compliance: most confirmed demo people at a partner with a job role hold it,
in a team; each partner's figures are recorded weekly for the last quarter, as its grid stood
then. Deterministic (its own seed) and safe to run twice."""

from __future__ import annotations

import datetime as dt
import random

from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.models import User

from ..models import JobRole, StaffRecord
from . import services

SEED = 2027
TEAMS = ["Day team", "Night team", "Community team", ""]
WEEKS = 12


def load(*, today: dt.date, domain: str) -> int:
    """Returns how many people were given a job role."""
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
                job_role.members.add(person)
                StaffRecord.objects.get_or_create(
                    organisation=partner, person=person, defaults={"team": rng.choice(TEAMS)}
                )
                given += 1
        for weeks in range(WEEKS, -1, -1):
            services.figure_record(organisation=partner, day=today - dt.timedelta(weeks=weeks))
    return given
