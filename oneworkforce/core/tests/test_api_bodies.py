"""A request body the API cannot read (a multipart body without its boundary, a body in another
format than its Content-Type names, text that is not JSON) is answered by every endpoint with a
documented JSON error naming the body, never a server error or an HTML page."""

from __future__ import annotations

import re

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from oneworkforce.learning.records import services as learning
from oneworkforce.talent.pipeline import services as applications

MALFORMED = [
    ("multipart/form-data", b"scenario=x"),
    ("multipart/form-data; boundary=", b"--\r\n"),
    ("multipart/form-data; boundary=zz", b'{"scenario": "x"}'),
    ("application/x-www-form-urlencoded", b"%%%&&&==="),
    ("application/json", b'{"scenario": '),
    ("application/json", b"\xff\xfe not text"),
]


@pytest.fixture
def callers(learner, admin_a, org_a):
    """A signed-in session sending its CSRF token, and each kind of partner system key."""
    session = Client(enforce_csrf_checks=True)
    session.force_login(learner)
    token = _get_new_csrf_string()
    session.cookies["csrftoken"] = token
    statements = learning.token_create(actor=admin_a, organisation=org_a, name="LMS")[1]
    recruitment = applications.ats_key_create(actor=admin_a, organisation=org_a, name="ATS")[1]
    return {
        "session": (session, {"X-CSRFToken": token}),
        "learning key": (Client(), {"Authorization": f"Bearer {statements}"}),
        "recruitment key": (Client(), {"Authorization": f"Bearer {recruitment}"}),
    }


def _operations_taking_a_body(client: Client) -> list[tuple[str, str, dict]]:
    schema = client.get("/api/v1/openapi.json").json()
    return [
        (method, re.sub(r"\{[^}]+\}", "1", path), operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in ("post", "put", "patch", "delete")
    ]


@pytest.mark.django_db
def test_it_answers_an_unreadable_body_with_a_documented_json_error(callers):
    operations = _operations_taking_a_body(Client())
    assert len(operations) >= 5
    wrong = []
    for method, path, operation in operations:
        for who, (client, headers) in callers.items():
            for content_type, body in MALFORMED:
                response = getattr(client, method)(
                    path, data=body, content_type=content_type, headers=headers
                )
                status = response.status_code
                if (
                    str(status) not in operation["responses"]
                    or response.headers["Content-Type"] != "application/json; charset=utf-8"
                ):
                    wrong.append(f"{who} {method.upper()} {path} {content_type}: {status}")
                elif status == 422 and response.json()["errors"][0]["field"] == "body":
                    assert response.json()["detail"] == "The request body cannot be read."
    assert wrong == []


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_named(callers):
    client, headers = callers["session"]
    response = client.post(
        "/api/v1/intelligence/project",
        data=b"{",
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    problems = response.json()["errors"]
    assert problems == [{"field": "body", "message": "The body is not valid JSON."}]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/learning/sessions/1/bookings", "/api/v1/learning/bookings/1/cancel"]
)
def test_a_multipart_body_without_a_boundary_is_refused_by_name(callers, path):
    client, headers = callers["session"]
    response = client.post(path, data=b"x", content_type="multipart/form-data", headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"
