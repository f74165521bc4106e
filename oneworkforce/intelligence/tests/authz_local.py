"""Authorization-matrix rules for the local-data URLs (to be merged into ``authz_rules.py``)."""

from __future__ import annotations

from oneworkforce.core.tests.authz import (
    ADMINS_OF_A,
    EVERYONE,
    ONLY_PARTNERSHIP_ADMIN,
    SIGNED_IN,
    Rule,
    World,
)
from oneworkforce.partners.tests.factories import PlaceFactory

FORM = ("GET", "POST")


def build_world(world: World) -> None:
    if not hasattr(world, "place"):
        world.place = PlaceFactory(name="Leeds", slug="leeds")


def _partner_a(kind: str):  # type: ignore[no-untyped-def]
    return lambda world: {"slug": world.org_a.slug, "kind": kind}


def _place(world: World) -> dict[str, str]:
    return {"slug": world.place.slug}


RULES: dict[str, Rule] = {
    "intelligence:local": Rule(SIGNED_IN, query="organisation=alpha"),
    "intelligence:success": Rule(SIGNED_IN, query="organisation=alpha&start=2025-10"),
    "intelligence:local_guide": Rule(EVERYONE),
    "intelligence:local_template": Rule(EVERYONE, kwargs=lambda w: {"kind": "returns"}),
    # A partner's admins and analysts, partnership admins and partnership-wide analysts.
    "intelligence:local_upload": Rule(ADMINS_OF_A, kwargs=_partner_a("returns"), methods=FORM),
    "intelligence:local_add": Rule(ADMINS_OF_A, kwargs=_partner_a("exit_reasons"), methods=FORM),
    # Places' population projections: partnership admins and partnership-wide analysts.
    "intelligence:population_upload": Rule(ONLY_PARTNERSHIP_ADMIN, kwargs=_place, methods=FORM),
    "intelligence:population_add": Rule(ONLY_PARTNERSHIP_ADMIN, kwargs=_place, methods=FORM),
}
