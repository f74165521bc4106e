"""The partnership API returns the same facts as the pages."""

from __future__ import annotations

import pytest

from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests import factories

pytestmark = pytest.mark.django_db


def test_partners_are_searchable_and_filterable(client):
    factories.OrganisationFactory(name="Calderdale Care", sector=Sector.ADULT_SOCIAL_CARE)
    factories.OrganisationFactory(
        name="Calderdale Hospital", sector=Sector.NHS_ACUTE, ods_code="RWY"
    )
    data = client.get("/api/v1/partners", {"q": "calderdale", "sector": "nhs_acute"}).json()
    assert data["count"] == 1
    assert data["items"][0]["ods_code"] == "RWY"
    assert data["items"][0]["sector_label"] == "NHS acute (hospital) trust"


def test_a_partner_includes_its_sites(client, org_a):
    factories.SiteFactory(organisation=org_a, name="Depot", postcode="HX1 1AA")
    data = client.get(f"/api/v1/partners/{org_a.slug}").json()
    assert data["sites"] == [{"name": "Depot", "postcode": "HX1 1AA"}]
    assert client.get("/api/v1/partners/nobody").status_code == 404


def test_a_framework_separates_current_and_past_signatories(client, org_a, org_b):
    framework = factories.FrameworkFactory()
    factories.SignatoryFactory(framework=framework, organisation=org_a)
    past = factories.SignatoryFactory(framework=framework, organisation=org_b)
    past.withdrawn_on = past.signed_on
    past.save()
    data = client.get(f"/api/v1/frameworks/{framework.slug}").json()
    assert data["signatory_count"] == 1
    assert [s["organisation_slug"] for s in data["signatories"]] == [org_a.slug]
    assert [s["organisation_slug"] for s in data["past_signatories"]] == [org_b.slug]


def test_me_needs_a_session_and_shows_only_your_record(client, learner, org_a):
    assert client.get("/api/v1/me").status_code == 401
    factories.AffiliationFactory(user=learner, organisation=org_a)
    client.force_login(learner)
    data = client.get("/api/v1/me").json()
    assert data["email"] == learner.email
    assert data["affiliations"] == [
        {"organisation": org_a.slug, "relationship": "employee", "status": "pending"}
    ]


def test_the_openapi_schema_is_published(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/partners" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200
