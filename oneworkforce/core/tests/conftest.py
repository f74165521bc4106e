"""Fixtures for the core tests: the shared world of the authorization matrix."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import transaction

from oneworkforce.core.tests import authz

MODULES, _ = authz.collect_rules()


def build_world(org_a, org_b, learner, admin_a, admin_b, partnership_admin, talent_coordinator):
    """Two partners, a person for each access level, and every app's objects for its rules."""
    from oneworkforce.partners.accounts import services

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


@pytest.fixture
def world(db, org_a, org_b, learner, admin_a, admin_b, partnership_admin, talent_coordinator):
    return build_world(
        org_a, org_b, learner, admin_a, admin_b, partnership_admin, talent_coordinator
    )


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """The world built once for a whole test module, inside a transaction rolled back when
    the module ends. Each test then runs in a savepoint within it (pytest-django's ``db``),
    so whatever a test changes is undone before the next, as with Django's
    ``TestCase.setUpTestData``. Worth it for the matrix: thousands of requests, one world."""
    from oneworkforce.partners.tests import factories

    with django_db_blocker.unblock(), transaction.atomic():
        org_a = factories.OrganisationFactory(name="Alpha Care Homes", slug="alpha")
        org_b = factories.OrganisationFactory(name="Beta Hospitals", slug="beta")
        yield build_world(
            org_a,
            org_b,
            factories.UserFactory(email="learner@example.org"),
            factories.partner_admin(org_a, email="admin-a@example.org"),
            factories.partner_admin(org_b, email="admin-b@example.org"),
            factories.partnership_admin(email="partnership-admin@example.org"),
            factories.talent_coordinator(email="talent-coordinator@example.org"),
        )
        transaction.set_rollback(True)


@pytest.fixture
def shared_world(_module_world, db):
    """The module's world, for tests that only read it or change it within themselves. Do
    not combine with the per-test ``org_a``/``admin_a``... fixtures (they would clash)."""
    return _module_world
