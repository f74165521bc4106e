"""The talent API for partners' recruitment systems: vacancies in, application status out, only
ever for the key's own partner."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from oneworkforce.talent.models import Barrier, Vacancy
from oneworkforce.talent.pipeline import services
from oneworkforce.talent.tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory

pytestmark = pytest.mark.django_db

ROLE = {"title": "Home care worker", "job_family": "care_support", "work_area": "social_care"}


@pytest.fixture
def key_a(admin_a, org_a):
    return services.ats_key_create(actor=admin_a, organisation=org_a, name="ATS")[1]


def _client(key):
    return Client(headers={"Authorization": f"Bearer {key}"})


def _put(client, ref, body):
    return client.put(
        f"/api/v1/talent/vacancies/{ref}", data=json.dumps(body), content_type="application/json"
    )


def test_a_role_sent_twice_is_created_then_updated(key_a, org_a):
    client = _client(key_a)
    first = _put(client, "REQ-77", {**ROLE, "places": 3})
    assert first.status_code == 201
    second = _put(client, "REQ-77", {**ROLE, "places": 5, "is_open": False})
    assert second.status_code == 200
    vacancy = Vacancy.objects.get(organisation=org_a, external_ref="REQ-77")
    assert (vacancy.places, vacancy.is_open, vacancy.source) == (5, False, "api")
    listed = client.get("/api/v1/talent/vacancies").json()
    assert [r["external_ref"] for r in listed["items"]] == ["REQ-77"]


def test_bad_role_values_name_the_field_and_write_nothing(key_a):
    response = _put(_client(key_a), "REQ-1", {**ROLE, "postcode": "NOWHERE1"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.postcode"
    assert not Vacancy.objects.exists()
    response = _put(_client(key_a), "REQ-1", {**ROLE, "closes_on": 20260101})
    assert response.status_code == 422


def test_status_out_shows_only_the_partners_put_forward_applications_without_sensitive_data(
    key_a, org_a, org_b
):
    candidate = CandidateFactory(full_name="Robin Example")
    Barrier.objects.create(candidate=candidate, kind="criminal_record", note="SECRET-NOTE")
    mine = ApplicationFactory(
        candidate=candidate, vacancy=VacancyFactory(organisation=org_a), state="interview"
    )
    ApplicationFactory(vacancy=VacancyFactory(organisation=org_a), state="interested")
    theirs = ApplicationFactory(vacancy=VacancyFactory(organisation=org_b), state="interview")
    client = _client(key_a)
    body = client.get("/api/v1/talent/applications").json()
    assert [a["id"] for a in body["items"]] == [mine.pk]
    item = body["items"][0]
    assert item["state"] == "interview" and item["candidate"]["name"] == "Robin Example"
    assert "SECRET" not in json.dumps(body) and "criminal" not in json.dumps(body)
    assert client.get(f"/api/v1/talent/applications/{theirs.pk}").status_code == 404
    assert client.get(f"/api/v1/talent/applications/{mine.pk}").status_code == 200


def test_a_revoked_or_missing_key_is_turned_away(admin_a, org_a):
    key, raw = services.ats_key_create(actor=admin_a, organisation=org_a, name="ATS")
    services.ats_key_revoke(actor=admin_a, key=key)
    assert _client(raw).get("/api/v1/talent/vacancies").status_code == 401
    assert Client().get("/api/v1/talent/applications").status_code == 401


def test_since_must_be_written_as_a_date(key_a):
    response = _client(key_a).get("/api/v1/talent/applications?since=12345")
    assert response.status_code == 422


def test_text_with_a_nul_character_is_refused_by_name_not_a_server_error(key_a):
    response = _put(_client(key_a), "REQ-9", {**ROLE, "title": "Carer\u0000"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "body.payload.title", "message": "Text cannot contain the NUL character"}
    ]
    assert not Vacancy.objects.exists()
    search = Client().get("/api/v1/learning/opportunities?topic=a%00b")
    assert search.status_code == 422
    assert "topic" in search.json()["errors"][0]["field"]


def test_status_out_reads_one_page_of_rows_however_many_there_are(key_a, org_a):
    vacancy = VacancyFactory(organisation=org_a)
    client = _client(key_a)
    counted = []
    for total in (3, 60):
        while vacancy.applications.count() < total:
            ApplicationFactory(vacancy=vacancy, state="interview")
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/api/v1/talent/applications", {"page_size": 10}).json()
        assert body["count"] == total and len(body["items"]) == min(total, 10)
        counted.append(len(queries))
        reads = [q["sql"] for q in queries if 'FROM "talent_application"' in q["sql"]]
        assert reads and all("COUNT(" in sql or "LIMIT 10" in sql for sql in reads), reads
    assert counted[0] == counted[1]
    second = client.get("/api/v1/talent/applications", {"page_size": 50, "page": 2}).json()
    assert len(second["items"]) == 10
    newest_first = [a["id"] for a in client.get("/api/v1/talent/applications").json()["items"]]
    assert newest_first == sorted(newest_first, reverse=True)
