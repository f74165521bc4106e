"""Authorization-matrix rules for roles, applications, the work list, checkpoints and API keys.

The world: a role at org_a with one application put forward (partner A's admins see it), one
started with its checkpoints and one at a conditional offer; a role at org_b with an application
still at "Interested" (only coordinators see it). Learners and anonymous visitors see nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oneworkforce.core.tests.authz import (
    ADMIN_A,
    ADMINS_OF_A,
    ANY_ADMIN,
    TALENT_COORDINATOR,
    Rule,
    World,
)
from oneworkforce.talent.models import Checkpoint, OfferCondition
from oneworkforce.talent.pipeline import services
from oneworkforce.talent.tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory

FORM = ("GET", "POST")
ACTION = ("POST",)
RECRUITERS = ANY_ADMIN | {TALENT_COORDINATOR}
SEES_A = ADMINS_OF_A | {TALENT_COORDINATOR}
COORDINATOR = frozenset({TALENT_COORDINATOR})


def build_world(world: World) -> None:
    world.pipeline_candidate = CandidateFactory(full_name="Pat Pipeline")
    world.pipeline_role_a = VacancyFactory(organisation=world.org_a, title="Matrix care worker")
    world.pipeline_role_b = VacancyFactory(organisation=world.org_b, title="Matrix porter")
    world.pipeline_put_forward = ApplicationFactory(
        candidate=world.pipeline_candidate, vacancy=world.pipeline_role_a, state="put_forward"
    )
    world.pipeline_interested = ApplicationFactory(
        candidate=world.pipeline_candidate, vacancy=world.pipeline_role_b, state="interested"
    )
    started_on = timezone.localdate() - dt.timedelta(days=200)
    world.pipeline_started = ApplicationFactory(
        vacancy=world.pipeline_role_a, state="started", started_on=started_on
    )
    world.pipeline_checkpoint = Checkpoint.objects.create(
        application=world.pipeline_started,
        months=6,
        due_on=started_on + dt.timedelta(days=183),
    )
    offer = ApplicationFactory(vacancy=world.pipeline_role_a, state="offer")
    world.pipeline_condition = OfferCondition.objects.create(application=offer, kind="dbs")
    world.pipeline_key, _ = services.ats_key_create(
        actor=world.users[ADMIN_A], organisation=world.org_a, name="Matrix system"
    )


RULES: dict[str, Rule] = {
    "talent:vacancies": Rule(RECRUITERS),
    "talent:vacancy_add": Rule(RECRUITERS, methods=FORM),
    "talent:vacancies_import": Rule(RECRUITERS, methods=FORM),
    "talent:vacancies_import_template": Rule(RECRUITERS),
    "talent:vacancy": Rule(SEES_A, lambda w: {"pk": w.pipeline_role_a.pk}),
    "talent:vacancy_edit": Rule(SEES_A, lambda w: {"pk": w.pipeline_role_a.pk}, methods=FORM),
    "talent:put_forward": Rule(
        COORDINATOR, lambda w: {"pk": w.pipeline_candidate.pk}, methods=FORM
    ),
    "talent:candidate_matches": Rule(COORDINATOR, lambda w: {"pk": w.pipeline_candidate.pk}),
    "talent:application": Rule(SEES_A, lambda w: {"pk": w.pipeline_put_forward.pk}),
    "talent:application_move": Rule(
        SEES_A, lambda w: {"pk": w.pipeline_put_forward.pk}, methods=ACTION
    ),
    "talent:application_screen": Rule(
        COORDINATOR, lambda w: {"pk": w.pipeline_interested.pk}, methods=FORM
    ),
    "talent:condition_met": Rule(SEES_A, lambda w: {"pk": w.pipeline_condition.pk}, methods=ACTION),
    "talent:worklist": Rule(RECRUITERS),
    "talent:checkpoints": Rule(RECRUITERS),
    "talent:checkpoint_record": Rule(
        SEES_A, lambda w: {"pk": w.pipeline_checkpoint.pk}, methods=FORM
    ),
    "talent:api_keys": Rule(RECRUITERS, methods=FORM),
    "talent:api_key_revoke": Rule(
        ADMINS_OF_A | {TALENT_COORDINATOR}, lambda w: {"pk": w.pipeline_key.pk}, methods=ACTION
    ),
    "api:talent_vacancy_put": Rule(
        frozenset(), lambda w: {"external_ref": "MATRIX-1"}, methods=("PUT",), machine_key=True
    ),
    "api:talent_vacancies": Rule(frozenset(), machine_key=True),
    "api:talent_applications": Rule(frozenset(), machine_key=True),
    "api:talent_application": Rule(
        frozenset(),
        lambda w: {"application_id": w.pipeline_put_forward.pk},
        machine_key=True,
    ),
}
