"""Authorization-matrix rules for the careers URLs."""

from __future__ import annotations

from oneworkforce.core.tests.authz import EVERYONE, Rule, World


def build_world(world: World) -> None:
    """Careers pages read the packaged catalogue; nothing to add yet."""


RULES = {
    "careers:home": Rule(EVERYONE),
    "careers:index": Rule(EVERYONE),
    "careers:role": Rule(EVERYONE, kwargs=lambda w: {"code": "care-worker"}),
}
