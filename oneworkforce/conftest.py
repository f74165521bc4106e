"""Fixtures every app's tests share: two partners, and a person for each access level."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from oneworkforce.core.tests.browser import chromium, page  # noqa: F401 - shared fixtures
from oneworkforce.partners.tests import factories

# These machines are shared and noisy: judge property tests on their examples, not on speed.
settings.register_profile(
    "oneworkforce", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("oneworkforce")


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


@pytest.fixture
def talent_coordinator(db):
    return factories.talent_coordinator(email="talent-coordinator@example.org")


@pytest.fixture(autouse=True, scope="session")
def _jinja_templates_report_their_context():
    """Django's test client records the context of Django templates only; make Jinja2
    templates send the same signal so tests can read ``response.context``."""
    from django.template.backends.jinja2 import Template
    from django.test.signals import template_rendered

    original = Template.render

    def render(self, context=None, request=None):
        template_rendered.send(sender=self, template=self, context=context or {})
        return original(self, context, request)

    Template.render = render
    yield
    Template.render = original
