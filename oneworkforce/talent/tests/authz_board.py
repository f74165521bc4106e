"""Authorization-matrix rules for a vacancy's board and its interviews.

The world: an application put forward to a vacancy at org_a (from authz_pipeline), and an
interview on it, already held. Partner A's admins and coordinators see and act on them.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oneworkforce.core.tests.authz import ADMINS_OF_A, TALENT_COORDINATOR, Rule, World
from oneworkforce.talent.models import Interview

FORM = ("GET", "POST")
SEES_A = ADMINS_OF_A | {TALENT_COORDINATOR}


def build_world(world: World) -> None:
    world.board_interview = Interview.objects.create(
        application=world.pipeline_put_forward,
        starts_at=timezone.now() - dt.timedelta(days=1),
        place="Room 2, Town Hall",
    )


RULES: dict[str, Rule] = {
    "talent:board": Rule(SEES_A, lambda w: {"pk": w.pipeline_role_a.pk}),
    "talent:interview_book": Rule(
        SEES_A, lambda w: {"pk": w.pipeline_put_forward.pk}, methods=FORM
    ),
    "talent:case_note_add": Rule(SEES_A, lambda w: {"pk": w.pipeline_put_forward.pk}, methods=FORM),
    "talent:interview_outcome": Rule(SEES_A, lambda w: {"pk": w.board_interview.pk}, methods=FORM),
}
