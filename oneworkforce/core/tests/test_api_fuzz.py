"""Fuzz the JSON API from its own OpenAPI schema: no request may cause a server error, and every
response must match the documented schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from oneworkforce.partners.tests import factories

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes database connections when a request ends, which would end the
    test's transaction; Django's own test client switches this off in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def some_partners(db, keep_test_connection):
    framework = factories.FrameworkFactory(slug="staff-portability")
    for n in range(3):
        organisation = factories.OrganisationFactory(slug=f"partner-{n}")
        factories.SiteFactory(organisation=organisation)
        factories.SignatoryFactory(framework=framework, organisation=organisation)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_request_without_server_errors(case, some_partners):
    case.call_and_validate()
