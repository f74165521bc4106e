"""Fuzz the JSON API from its own OpenAPI schema, through every way in: anonymous, a signed-in
session sending its CSRF token, and each kind of key a partner's system uses. No request may
cause a server error, and every response must match the documented status codes, content type
and schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from oneworkforce import published_data
from oneworkforce.intelligence.tests.projection_fixtures import EXAMPLES
from oneworkforce.learning.bookings import services as bookings
from oneworkforce.learning.records import services as records
from oneworkforce.talent.pipeline import services as applications

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# Every security scheme the schema names must have a caller here, so a new way in is fuzzed.
SCHEMES = {"SessionAuth", "PartnerKey", "RecruitmentSystemKey"}


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
def callers(shared_world, keep_test_connection):
    """How each security scheme is met: (headers, cookies). The world (core/tests/conftest.py)
    holds every app's objects, so signed-in answers carry real rows to check against the
    schema: the partnership admin has roles, a booking and scenarios to see."""
    world = shared_world
    admin = world.users["partnership_admin"]
    bookings.booking_create(actor=admin, session_id=world.session.pk)
    session = Client()
    session.force_login(admin)
    token = _get_new_csrf_string()
    cookies = {"sessionid": session.cookies["sessionid"].value, "csrftoken": token}
    statements = records.token_create(actor=admin, organisation=world.org_a, name="LMS")[1]
    recruitment = applications.ats_key_create(actor=admin, organisation=world.org_a, name="ATS")
    return {
        "SessionAuth": ({"X-CSRFToken": token}, cookies),
        "PartnerKey": ({"Authorization": f"Bearer {statements}"}, {}),
        "RecruitmentSystemKey": ({"Authorization": f"Bearer {recruitment[1]}"}, {}),
    }


def _schemes(case) -> list[str]:  # type: ignore[no-untyped-def]
    return [name for rule in case.operation.definition.raw.get("security", []) for name in rule]


@pytest.mark.django_db
def test_every_security_scheme_of_the_schema_has_a_caller_in_the_fuzz(client):
    named = set(client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"])
    assert named == SCHEMES


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=20, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_caller_within_its_schema(case, callers):
    # Anonymous first: every endpoint, open or not, answers within its schema.
    case.call_and_validate(checks=CHECKS)
    for scheme in _schemes(case):
        headers, cookies = callers[scheme]
        case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)


def _found(world, callers):  # type: ignore[no-untyped-def]
    """Requests that reach real rows (generated slugs and ids mostly find nothing), with the
    status each must answer: (method, path, path parameters, body, scheme, status)."""
    admin_booking = world.users["partnership_admin"].bookings.get()
    statement = {
        "id": "fuzz-statement-1",
        "actor": {"mbox": f"mailto:{world.learner.email}"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": f"urn:oneworkforce:learning:{world.elearning.slug}"},
        "timestamp": "2025-01-02T10:00:00Z",
    }
    scenario = (EXAMPLES / "baseline.toml").read_text(encoding="utf-8")
    election = published_data.election("Poland_Zabrze_2020_Zandka.pb").read_text("utf-8")
    return [
        ("GET", "/api/v1/partners/{slug}", {"slug": world.org_a.slug}, None, None, 200),
        (
            "GET",
            "/api/v1/learning/opportunities/{slug}",
            {"slug": world.listing.slug},
            None,
            None,
            200,
        ),
        (
            "GET",
            "/api/v1/decisions/rounds/{slug}",
            {"slug": world.closed_round.slug},
            None,
            "SessionAuth",
            200,
        ),
        (
            "GET",
            "/api/v1/decisions/rounds/{slug}",
            {"slug": world.open_round.slug},
            None,
            "SessionAuth",
            200,
        ),
        (
            "GET",
            "/api/v1/deployments/portability/{deployment_id}",
            {"deployment_id": world.lent.pk},
            None,
            "SessionAuth",
            200,
        ),
        (
            "GET",
            "/api/v1/deployments/cohorts/{slug}/plan",
            {"slug": world.cohort.slug},
            None,
            "SessionAuth",
            200,
        ),
        (
            "GET",
            "/api/v1/intelligence/scenarios/{slug}/projection",
            {"slug": world.scenario.slug},
            None,
            "SessionAuth",
            200,
        ),
        (
            "GET",
            "/api/v1/talent/applications/{application_id}",
            {"application_id": world.pipeline_put_forward.pk},
            None,
            "RecruitmentSystemKey",
            200,
        ),
        (
            "POST",
            "/api/v1/learning/sessions/{session_id}/bookings",
            {"session_id": world.past_session.pk},
            None,
            "SessionAuth",
            409,
        ),
        (
            "POST",
            "/api/v1/learning/bookings/{booking_id}/cancel",
            {"booking_id": admin_booking.pk},
            None,
            "SessionAuth",
            200,
        ),
        (
            "POST",
            "/api/v1/learning/sessions/{session_id}/bookings",
            {"session_id": world.session.pk},
            None,
            "SessionAuth",
            201,
        ),
        ("POST", "/api/v1/learning/statements", {}, statement, "PartnerKey", 201),
        ("POST", "/api/v1/learning/statements", {}, statement, "PartnerKey", 200),
        (
            "POST",
            "/api/v1/intelligence/project",
            {},
            {"scenario": scenario, "runs": 3},
            "SessionAuth",
            200,
        ),
        ("POST", "/api/v1/decisions/budget", {}, {"pabulib": election}, "SessionAuth", 200),
    ]


@pytest.mark.django_db
def test_answers_about_real_rows_match_the_schema(shared_world, callers):
    for method, path, parameters, body, scheme, status in _found(shared_world, callers):
        case = schema[path][method].Case(
            path_parameters=parameters, **({} if body is None else {"body": body})
        )
        headers, cookies = callers[scheme] if scheme else ({}, {})
        response = case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)
        assert response.status_code == status, (method, path, response.text[:300])
