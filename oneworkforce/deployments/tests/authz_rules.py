"""Authorization-matrix rules for the deployments URLs (portability here; apprenticeships and
employ-and-deploy in their own modules)."""

from __future__ import annotations

from oneworkforce.core.tests.authz import EVERYONE, Rule, World

from . import access_apprenticeships, access_employ, access_portability


def build_world(world: World) -> None:
    access_portability.build_world(world)
    access_apprenticeships.build_world(world)
    access_employ.build_world(world)


RULES: dict[str, Rule] = {
    "deployments:home": Rule(EVERYONE),
    **access_portability.RULES,
    **access_apprenticeships.RULES,
    **access_employ.RULES,
}
