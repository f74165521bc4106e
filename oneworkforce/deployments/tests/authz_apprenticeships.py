"""Authorization-matrix rules for the collaborative apprenticeship URLs (see authz_rules.py).

The world's cohort has partner A as its only partner, and the learner is one of its
apprentices: partner A's admins see the cohort; partner B's do not; the learner sees their own
plan and ranks placements; only coordinators (the partnership admin and the partnership-wide
talent coordinator) change anything.
"""

from __future__ import annotations

from oneworkforce.core.tests.authz import (
    ADMINS_OF_A,
    LEARNER,
    ONLY_PARTNERSHIP_ADMIN,
    SIGNED_IN,
    TALENT_COORDINATOR,
    Rule,
    World,
)

from .apprenticeship_factories import small_cohort

FORM = ("GET", "POST")
ACTION = ("POST",)
COORDINATORS = ONLY_PARTNERSHIP_ADMIN | {TALENT_COORDINATOR}
VIEWERS = ADMINS_OF_A | {TALENT_COORDINATOR}
APPRENTICE_OR_VIEWER = VIEWERS | {LEARNER}
APPRENTICE_OR_COORDINATOR = COORDINATORS | {LEARNER}


def build_world(world: World) -> None:
    # Stored as if allocated, without running the solver for every case of the matrix.
    world.cohort = small_cohort(partners=[world.org_a], apprentices=2, sites=3, blocks=2)
    world.apprentice = world.cohort.apprentices.order_by("pk").first()
    world.apprentice.person = world.learner
    world.apprentice.save(update_fields=["person"])
    world.assignment = world.apprentice.assignments.order_by("block").first()


def _cohort(world: World) -> dict[str, str]:
    return {"slug": world.cohort.slug}


def _apprentice(world: World) -> dict[str, object]:
    return {"slug": world.cohort.slug, "pk": world.apprentice.pk}


RULES: dict[str, Rule] = {
    "deployments:apprenticeship_cohorts": Rule(SIGNED_IN),
    "deployments:cohort_add": Rule(COORDINATORS, methods=FORM),
    "deployments:cohort": Rule(VIEWERS, kwargs=_cohort),
    "deployments:cohort_allocate": Rule(COORDINATORS, kwargs=_cohort, methods=ACTION),
    "deployments:cohort_placement_add": Rule(COORDINATORS, kwargs=_cohort, methods=FORM),
    "deployments:cohort_apprentice_add": Rule(COORDINATORS, kwargs=_cohort, methods=FORM),
    "deployments:cohort_plan": Rule(VIEWERS, kwargs=_cohort),
    "api:deployments_cohort_plan": Rule(VIEWERS, kwargs=_cohort),
    "deployments:cohort_sites": Rule(VIEWERS, kwargs=_cohort),
    "deployments:cohort_apprentice": Rule(APPRENTICE_OR_VIEWER, kwargs=_apprentice),
    "deployments:apprentice_preferences": Rule(
        APPRENTICE_OR_COORDINATOR, kwargs=_apprentice, methods=FORM
    ),
    "deployments:assignment_override": Rule(
        COORDINATORS,
        kwargs=lambda w: {"slug": w.cohort.slug, "pk": w.assignment.pk},
        methods=FORM,
    ),
}
