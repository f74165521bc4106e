"""The OpenAPI schema names each of its schemas once: two apps' schemas of the same name were
merged into one, and /api/v1/me documented its roles as the talent hub's job roles."""

from __future__ import annotations

import pytest
from ninja.openapi.schema import OpenAPISchema

from oneworkforce.config.api import api


class _Recording(OpenAPISchema):
    """The schema as the API builds it, noting each name given two different schemas."""

    def __init__(self) -> None:
        self.clashes: set[str] = set()
        super().__init__(api, "/api/v1/")

    def add_schema_definitions(self, definitions: dict) -> None:
        schemas = getattr(self, "schemas", {})
        for name, schema in definitions.items():
            if name in schemas and schemas[name] != schema:
                self.clashes.add(name)
        super().add_schema_definitions(definitions)


def test_no_two_schemas_of_the_api_share_a_name():
    assert _Recording().clashes == set()


@pytest.mark.django_db
def test_my_account_documents_its_roles_as_role_and_scope(client, partnership_admin):
    schema = client.get("/api/v1/openapi.json").json()
    me = schema["paths"]["/api/v1/me"]["get"]["responses"]["200"]["content"]
    me_ref = me["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    roles = schema["components"]["schemas"][me_ref]["properties"]["roles"]["items"]
    role = schema["components"]["schemas"][roles["$ref"].rsplit("/", 1)[1]]
    assert set(role["properties"]) == {"role", "scope"}
    client.force_login(partnership_admin)
    answered = client.get("/api/v1/me").json()["roles"]
    assert answered and all(set(item) == {"role", "scope"} for item in answered)
