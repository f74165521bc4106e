"""A page address holding the NUL character gets a plain 400 before any view reads it
(PostgreSQL cannot hold NUL in text, so a lookup with it was a server error)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "/learning/certificates/A%00B/",
        "/talent/join/AB%00CD",
        "/decisions/needs/?faculty=a%00b",
        "/intelligence/scenarios/compare/?s=a%00b&s=c",
        "/partners/?q=a%00b",
    ],
)
def test_a_nul_anywhere_in_a_page_address_is_a_plain_400(partnership_admin, address):
    client = Client()
    client.force_login(partnership_admin)
    response = client.get(address)
    assert response.status_code == 400
    assert "has a character in it that cannot be used" in response.content.decode()


def test_the_api_keeps_its_own_422_naming_the_field():
    response = Client().get("/api/v1/partners?q=a%00b")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.q"


def test_an_ordinary_address_is_untouched():
    assert Client().get("/partners/?q=care").status_code == 200
