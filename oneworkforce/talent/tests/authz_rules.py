"""Authorization-matrix rules for the talent hub URLs. Each part of the hub has its own module
(``authz_<part>.py``) with a ``build_world`` and ``RULES``, merged here."""

from __future__ import annotations

from oneworkforce.core.tests.authz import EVERYONE, Rule, World

from . import authz_board, authz_casework, authz_outcomes, authz_outreach, authz_pipeline

PARTS = (authz_outreach, authz_casework, authz_pipeline, authz_board, authz_outcomes)


def build_world(world: World) -> None:
    for part in PARTS:
        part.build_world(world)


RULES: dict[str, Rule] = {"talent:home": Rule(EVERYONE)}
for _part in PARTS:
    RULES.update(_part.RULES)
