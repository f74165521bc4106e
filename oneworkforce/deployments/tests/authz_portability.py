"""Authorization-matrix rules for staff portability (see authz_rules.py)."""

from __future__ import annotations

from oneworkforce.core.tests.authz import (
    ADMINS_OF_A,
    ANY_ADMIN,
    EVERYONE,
    SIGNED_IN,
    Rule,
    World,
)
from oneworkforce.deployments.portability import services
from oneworkforce.partners.tests.factories import AffiliationFactory

from .portability_factories import need, signed_framework

FORM = ("GET", "POST")
ACTION = ("POST",)
# The host (A) and the employer (B) admins, and partnership admins.
BOTH = frozenset({"partner_admin_a", "partner_admin_b", "partnership_admin"})
BOTH_AND_PERSON = BOTH | {"learner"}


def build_world(world: World) -> None:
    signed_framework(world.org_a, world.org_b)
    admin_a, admin_b = world.users["partner_admin_a"], world.users["partner_admin_b"]
    # The decisions world already confirms the learner at partner B.
    if not world.learner.affiliations.filter(organisation=world.org_b).exists():
        AffiliationFactory(user=world.learner, organisation=world.org_b, status="confirmed")
    world.open_need = need(admin_a, world.org_a)
    world.lent = need(admin_a, world.org_a)
    services.deployment_propose(
        actor=admin_b, deployment=world.lent, employer=world.org_b, person=world.learner
    )


def _pk(attribute: str):  # type: ignore[no-untyped-def]
    return lambda w: {"pk": getattr(w, attribute).pk}


RULES: dict[str, Rule] = {
    "deployments:deployments": Rule(ANY_ADMIN),
    "deployments:need_raise": Rule(ANY_ADMIN, methods=FORM),
    "deployments:offer": Rule(ANY_ADMIN, methods=FORM),
    "deployments:report": Rule(ANY_ADMIN),
    "deployments:deployment": Rule(BOTH_AND_PERSON, kwargs=_pk("lent")),
    # Open needs are shown to every partner's admins so that they can offer someone.
    "deployments:propose": Rule(ANY_ADMIN, kwargs=_pk("open_need"), methods=FORM),
    "deployments:consent": Rule(BOTH_AND_PERSON, kwargs=_pk("lent"), methods=ACTION),
    "deployments:accept": Rule(ADMINS_OF_A, kwargs=_pk("lent"), methods=ACTION),
    "deployments:attest": Rule(BOTH_AND_PERSON, kwargs=_pk("lent"), methods=FORM),
    "deployments:activate": Rule(ADMINS_OF_A, kwargs=_pk("lent"), methods=FORM),
    "deployments:close": Rule(BOTH, kwargs=_pk("lent"), methods=FORM),
    "api:deployments_register": Rule(EVERYONE),
    "api:deployments_list": Rule(SIGNED_IN),
    "api:deployments_detail": Rule(BOTH_AND_PERSON, kwargs=lambda w: {"deployment_id": w.lent.pk}),
}
