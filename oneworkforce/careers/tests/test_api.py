"""The jobs and careers API: the same search as the pages, bad values answered with 422."""

from __future__ import annotations

import pytest

from oneworkforce.talent.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def test_jobs_are_searched_by_words_and_listed_with_pay_both_ways(client):
    VacancyFactory(title="Night carer", pay_low=13, pay_high=14, pay_unit="hour")
    VacancyFactory(title="Receptionist")
    body = client.get("/api/v1/jobs/", {"q": "carer"}).json()
    assert body["count"] == 1
    job = body["items"][0]
    assert job["title"] == "Night carer" and job["pay_hourly"] == "£13.00 to £14.00"
    assert job["pay_yearly"] == "about £25,420 to £27,375"
    detail = client.get(f"/api/v1/jobs/{job['id']}").json()
    assert detail["url"] == f"/jobs/{job['id']}/"


def test_a_bad_postcode_or_sort_is_a_422_naming_it(client):
    bad = client.get("/api/v1/jobs/", {"near": "nowhere"})
    assert bad.status_code == 422
    assert "postcode" in bad.content.decode()
    assert client.get("/api/v1/jobs/", {"sort": "cheapest"}).status_code == 422


def test_a_closed_job_is_not_found(client):
    closed = VacancyFactory(is_open=False)
    assert client.get(f"/api/v1/jobs/{closed.pk}").status_code == 404


def test_the_role_catalogue_is_served_with_its_pay_sources(client):
    roles = client.get("/api/v1/careers/roles").json()
    assert len(roles) >= 30
    nurse = client.get("/api/v1/careers/roles/registered-nurse-adult").json()
    assert (
        nurse["pay"][0]["nhs_band"] == "Band 5" and "Agenda for Change" in nurse["pay"][0]["source"]
    )
    assert client.get("/api/v1/careers/roles/astronaut").status_code == 404
