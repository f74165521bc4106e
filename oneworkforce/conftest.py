"""Fixtures every app's tests share: two partners, and a person for each access level."""

from __future__ import annotations

import pytest

from oneworkforce.partners.tests import factories


@pytest.fixture
def org_a(db):
    return factories.OrganisationFactory(name="Alpha Care Homes", slug="alpha")


@pytest.fixture
def org_b(db):
    return factories.OrganisationFactory(name="Beta Hospitals", slug="beta")


@pytest.fixture
def learner(db):
    return factories.UserFactory(email="learner@example.org")


@pytest.fixture
def admin_a(org_a):
    return factories.partner_admin(org_a, email="admin-a@example.org")


@pytest.fixture
def admin_b(org_b):
    return factories.partner_admin(org_b, email="admin-b@example.org")


@pytest.fixture
def partnership_admin(db):
    return factories.partnership_admin(email="partnership-admin@example.org")
