"""Authorization-matrix rules for the outcome pages: figures for coordinators, analysts and
admins; nothing for learners or anonymous visitors."""

from __future__ import annotations

from oneworkforce.core.tests.authz import ANY_ADMIN, TALENT_COORDINATOR, Rule, World

READERS = ANY_ADMIN | {TALENT_COORDINATOR}


def build_world(world: World) -> None:
    pass


RULES: dict[str, Rule] = {
    "talent:dashboard": Rule(READERS),
    "talent:board_report": Rule(READERS),
    "talent:outcomes_csv": Rule(READERS),
}
