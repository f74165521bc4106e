"""Authorization-matrix rules for the placements URLs.

The world: an environment at partner A (whose admins manage it), a university whose only
admin is the partnership admin, a block with a request and an offer, and the learner as a
student placed at partner A with hours waiting for a supervisor.
"""

from __future__ import annotations

import datetime as dt

from oneworkforce.core.tests.authz import (
    ADMIN_A,
    ADMINS_OF_A,
    LEARNER,
    ONLY_PARTNERSHIP_ADMIN,
    PARTNERSHIP_ADMIN,
    SIGNED_IN,
    Rule,
    World,
)

from ..allocation import services as allocation
from ..demand import services as demand
from ..models import HoursEntry, Placement, Student
from . import factories

FORM = ("GET", "POST")
ACTION = ("POST",)
VIEWERS = frozenset({LEARNER, ADMIN_A, PARTNERSHIP_ADMIN})


def build_world(world: World) -> None:
    admin = world.users["partnership_admin"]
    admin_a = world.users["partner_admin_a"]
    world.placement_university = factories.university(name="Gamma University", slug="gamma-uni")
    world.placement_environment = factories.environment(admin_a, world.org_a, "Alpha nursing floor")
    world.placement_supervisor = factories.supervisor(
        admin_a, world.placement_environment, max_students=3
    )
    block = demand.block_add(
        actor=admin,
        name="Matrix block",
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 3, 27),
    )
    world.placement_block = block
    programme = demand.programme_add(
        actor=admin,
        provider=world.placement_university,
        name="Nursing",
        profession="nursing",
        year=1,
    )
    world.placement_programme = programme
    demand.students_import(
        actor=admin,
        programme=programme,
        data=f"reference,name,email\nM1,Matrix Student,{world.learner.email}\n".encode(),
    )
    Student.objects.filter(programme=programme).update(user=world.learner)
    demand.request_submit(
        actor=admin,
        programme=programme,
        block=block,
        students=1,
        starts_on=dt.date(2026, 1, 12),
        ends_on=dt.date(2026, 3, 20),
        required_hours=150,
    )
    allocation.offer_make(
        actor=admin_a,
        environment=world.placement_environment,
        block=block,
        profession="nursing",
        places=2,
    )
    allocation.block_allocate(actor=admin, block=block, time_limit=5)
    world.placement = Placement.objects.get(block=block)
    world.placement_hours = HoursEntry.objects.create(
        placement=world.placement, worked_on=dt.date(2026, 1, 12), hours=7
    )


def _pk(attribute: str):  # type: ignore[no-untyped-def]
    return lambda world: {"pk": getattr(world, attribute).pk}


def _slug(attribute: str):  # type: ignore[no-untyped-def]
    return lambda world: {"slug": getattr(world, attribute).slug}


RULES: dict[str, Rule] = {
    "placements:home": Rule(SIGNED_IN),
    "placements:environments": Rule(SIGNED_IN),
    "placements:environment": Rule(SIGNED_IN, kwargs=_pk("placement_environment")),
    "placements:environment_add": Rule(ADMINS_OF_A, kwargs=_slug("org_a"), methods=FORM),
    "placements:audit_add": Rule(ADMINS_OF_A, kwargs=_pk("placement_environment"), methods=FORM),
    "placements:supervisor_add": Rule(
        ADMINS_OF_A, kwargs=_pk("placement_environment"), methods=FORM
    ),
    "placements:supervisor_preparation": Rule(
        ADMINS_OF_A, kwargs=_pk("placement_supervisor"), methods=FORM
    ),
    "placements:environments_import": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "placements:environments_template": Rule(SIGNED_IN),
    "placements:partner_environments_import": Rule(
        ADMINS_OF_A, kwargs=_slug("org_a"), methods=FORM
    ),
    "placements:offer_add": Rule(ADMINS_OF_A, kwargs=_pk("placement_environment"), methods=FORM),
    "placements:blocks": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "placements:block": Rule(ONLY_PARTNERSHIP_ADMIN, kwargs=_pk("placement_block"), methods=FORM),
    "placements:programme_add": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=_slug("placement_university"), methods=FORM
    ),
    "placements:programme": Rule(ONLY_PARTNERSHIP_ADMIN, kwargs=_pk("placement_programme")),
    "placements:request_add": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=_pk("placement_programme"), methods=FORM
    ),
    "placements:students_import": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=_pk("placement_programme"), methods=FORM
    ),
    "placements:placement": Rule(VIEWERS, kwargs=_pk("placement")),
    "placements:placement_confirm": Rule(ADMINS_OF_A, kwargs=_pk("placement"), methods=ACTION),
    "placements:placement_change": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=_pk("placement"), methods=FORM
    ),
    "placements:placement_cancel": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=_pk("placement"), methods=FORM
    ),
    "placements:hours_add": Rule(frozenset({LEARNER}), kwargs=_pk("placement"), methods=FORM),
    "placements:hours_confirm": Rule(ADMINS_OF_A, kwargs=_pk("placement_hours"), methods=ACTION),
    "placements:concern_add": Rule(VIEWERS, kwargs=_pk("placement"), methods=FORM),
    "placements:evaluate": Rule(frozenset({LEARNER}), kwargs=_pk("placement"), methods=FORM),
    "placements:capacity": Rule(SIGNED_IN),
    "placements:capacity_csv": Rule(SIGNED_IN),
    "placements:partner": Rule(ADMINS_OF_A, kwargs=_slug("org_a")),
    "placements:partner_capacity": Rule(ADMINS_OF_A, kwargs=_slug("org_a")),
    "placements:partner_capacity_csv": Rule(ADMINS_OF_A, kwargs=_slug("org_a")),
    "api:placement_environments": Rule(SIGNED_IN),
    "api:placement_capacity": Rule(SIGNED_IN),
    "api:my_placements": Rule(SIGNED_IN),
    "api:placements_allocate": Rule(SIGNED_IN, methods=ACTION),
}
