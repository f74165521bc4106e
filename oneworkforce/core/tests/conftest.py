"""Fixtures for the core tests: the shared world of the authorization matrix."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from oneworkforce.core.tests import authz

MODULES, _ = authz.collect_rules()


@pytest.fixture
def world(db, org_a, org_b, learner, admin_a, admin_b, partnership_admin, talent_coordinator):
    from oneworkforce.partners import services

    world = SimpleNamespace(
        org_a=org_a,
        org_b=org_b,
        learner=learner,
        users={
            authz.LEARNER: learner,
            authz.ADMIN_A: admin_a,
            authz.ADMIN_B: admin_b,
            authz.PARTNERSHIP_ADMIN: partnership_admin,
            authz.TALENT_COORDINATOR: talent_coordinator,
        },
    )
    tokens: list[str] = []
    services.sign_in_link_request(
        email="newcomer@example.com", ip="192.0.2.1", link_builder=tokens.append
    )
    world.sign_in_token = tokens[0]
    for module in MODULES:
        if hasattr(module, "build_world"):
            module.build_world(world)
    return world
