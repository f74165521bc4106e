"""Authorization-matrix rules for the candidate record.

The world's candidate has barriers, a cohort tag, equality answers and support, an application
put forward to a role at org_a and one still at "Interested" at org_b: partner A's admins and
the partnership admin see the candidate (not the sensitive parts); partner B's admins do not
see them at all; only the talent coordinator changes anything.
"""

from __future__ import annotations

import datetime as dt

from oneworkforce.core.tests.authz import ADMIN_A as PARTNER_A
from oneworkforce.core.tests.authz import (
    ANY_ADMIN,
    PARTNERSHIP_ADMIN,
    TALENT_COORDINATOR,
    Rule,
    World,
)
from oneworkforce.talent.models import (
    Barrier,
    CandidateCohort,
    Equality,
    Intervention,
    Qualification,
)
from oneworkforce.talent.tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory

FORM = ("GET", "POST")
COORDINATOR = frozenset({TALENT_COORDINATOR})
RECRUITERS = ANY_ADMIN | COORDINATOR
SEES_CANDIDATE = frozenset({PARTNER_A, PARTNERSHIP_ADMIN, TALENT_COORDINATOR})

BARRIER_NOTE = "MATRIX-BARRIER-NOTE"
INTERVENTION_TEXT = "MATRIX-SUPPORT-TEXT"


def build_world(world: World) -> None:
    candidate = CandidateFactory(full_name="Casey Casework", email="casey.casework@example.com")
    Barrier.objects.create(candidate=candidate, kind="criminal_record", note=BARRIER_NOTE)
    CandidateCohort.objects.create(candidate=candidate, cohort="refugee")
    Equality.objects.create(candidate=candidate, ethnicity="black", religion="muslim")
    world.casework_intervention = Intervention.objects.create(
        candidate=candidate,
        kind="esol",
        barrier="english",
        organisation=world.org_b,
        description=INTERVENTION_TEXT,
        starts_on=dt.date(2026, 1, 5),
    )
    world.casework_qualification = Qualification.objects.create(
        candidate=candidate, kind="care_certificate", status="in_progress"
    )
    world.casework_application_a = ApplicationFactory(
        candidate=candidate,
        vacancy=VacancyFactory(organisation=world.org_a, title="Casework role at A"),
        state="put_forward",
    )
    world.casework_application_b = ApplicationFactory(
        candidate=candidate,
        vacancy=VacancyFactory(organisation=world.org_b, title="Casework role at B"),
        state="interested",
    )
    world.casework_candidate = candidate


def _candidate(world: World) -> dict[str, int]:
    return {"pk": world.casework_candidate.pk}


RULES: dict[str, Rule] = {
    "talent:candidates": Rule(RECRUITERS),
    "talent:candidate_add": Rule(COORDINATOR, methods=FORM),
    "talent:candidates_import": Rule(COORDINATOR, methods=FORM),
    "talent:candidates_import_template": Rule(COORDINATOR),
    "talent:candidate": Rule(SEES_CANDIDATE, _candidate),
    "talent:candidate_edit": Rule(COORDINATOR, _candidate, methods=FORM),
    "talent:candidate_barriers": Rule(COORDINATOR, _candidate, methods=FORM),
    "talent:candidate_equality": Rule(COORDINATOR, _candidate, methods=FORM),
    "talent:intervention_add": Rule(COORDINATOR, _candidate, methods=FORM),
    "talent:intervention_edit": Rule(
        COORDINATOR,
        lambda w: {"pk": w.casework_candidate.pk, "item": w.casework_intervention.pk},
        methods=FORM,
    ),
    "talent:qualification_add": Rule(COORDINATOR, _candidate, methods=FORM),
    "talent:qualification_edit": Rule(
        COORDINATOR,
        lambda w: {"pk": w.casework_candidate.pk, "item": w.casework_qualification.pk},
        methods=FORM,
    ),
}
