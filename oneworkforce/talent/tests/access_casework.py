"""Authorization-matrix rules for the talent hub's casework pages (see access.py)."""

from __future__ import annotations

from oneworkforce.core.tests.authz import Rule, World


def build_world(world: World) -> None:
    pass


RULES: dict[str, Rule] = {}
