"""Authorization-matrix rules for the deployments URLs (portability here; apprenticeships and
employ-and-deploy in their own modules)."""

from __future__ import annotations

from oneworkforce.core.tests.authz import EVERYONE, Rule, World

from . import authz_apprenticeships, authz_employ, authz_portability


def build_world(world: World) -> None:
    authz_portability.build_world(world)
    authz_apprenticeships.build_world(world)
    authz_employ.build_world(world)


RULES: dict[str, Rule] = {
    "deployments:home": Rule(EVERYONE),
    **authz_portability.RULES,
    **authz_apprenticeships.RULES,
    **authz_employ.RULES,
}
