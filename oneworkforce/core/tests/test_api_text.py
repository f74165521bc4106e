"""Text from a request that would reach the database refuses the NUL character with a 422 that
names the field: PostgreSQL cannot hold it in text, and answered such a request with a server
error before."""

import pytest
from django.test import Client

NUL_IN_A_PATH = [
    "/api/v1/partners/a%00b",
    "/api/v1/frameworks/a%00b",
    "/api/v1/learning/opportunities/a%00b",
    "/api/v1/decisions/rounds/a%00b",
    "/api/v1/deployments/cohorts/a%00b/plan",
    "/api/v1/intelligence/scenarios/a%00b/projection",
]


@pytest.fixture
def signed_in(partnership_admin):
    client = Client()
    client.force_login(partnership_admin)
    return client


@pytest.mark.parametrize("path", NUL_IN_A_PATH)
def test_a_nul_in_a_path_is_refused_by_name(signed_in, path):
    response = signed_in.get(path)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "path.slug", "message": "Text cannot contain the NUL character"}
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/api/v1/intelligence/turnover?staff_group=a%00b", "query.staff_group"),
        ("/api/v1/partners?q=a%00b", "query.q"),
        ("/api/v1/learning/opportunities?q=a%00b", "query.q"),
    ],
)
def test_a_nul_in_a_query_is_refused_by_name(signed_in, query, field):
    response = signed_in.get(query)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def _unconstrained_text(schema):
    """Whether a parameter's schema takes any string at all (no pattern, choice or format)."""
    if "anyOf" in schema:
        return any(_unconstrained_text(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return _unconstrained_text(schema.get("items", {}))
    if "$ref" in schema or schema.get("type") != "string":
        return False
    return not ({"pattern", "enum", "format", "const"} & set(schema))


@pytest.mark.django_db
def test_every_text_parameter_in_the_api_refuses_nul(client):
    # A new free-text path or query parameter must use core.api.Text (or a pattern or a list
    # of choices), or a NUL in it reaches PostgreSQL and fails with a server error.
    schema = client.get("/api/v1/openapi.json").json()
    loose = [
        f"{method.upper()} {path} {parameter['in']}.{parameter['name']}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if _unconstrained_text(parameter.get("schema", {}))
    ]
    assert loose == []


@pytest.mark.django_db
def test_the_schema_tells_clients_that_text_refuses_nul(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = schema["paths"]["/api/v1/partners/{slug}"]["get"]["parameters"]
    assert parameters[0]["schema"]["pattern"] == "^[^\\x00]*$"
