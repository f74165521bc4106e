"""The offer and naming forms: a refusal is shown on the field it concerns and writes nothing;
an accepted form goes to the deployment's page with a message."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from oneworkforce.deployments.models import Deployment
from oneworkforce.partners.tests.factories import AffiliationFactory, UserFactory

from .portability_factories import need, signed_framework

pytestmark = pytest.mark.django_db


def field_error(body: str, name: str) -> str:
    found = re.search(rf'id="id_{name}-error"\s*>\s*<span[^>]*>Error: </span>([^<]*)<', body)
    return found.group(1).strip() if found else ""


def offer(client, *, employer, host, email):
    start = timezone.localdate() + dt.timedelta(days=10)
    return client.post(
        reverse("deployments:offer"),
        {
            "employer": employer.pk,
            "email": email,
            "host": host.pk,
            "job_title": "Care and support worker",
            "work_type": "care",
            "staff_group": "care_support",
            "starts_on_day": start.day,
            "starts_on_month": start.month,
            "starts_on_year": start.year,
            "ends_on_day": start.day,
            "ends_on_month": start.month,
            "ends_on_year": start.year + 1,
            "hours_per_week": "20",
            "reason": "Spare capacity while our service is paused.",
            "terms": "none",
            "not_industrial_action": "on",
        },
    )


def test_it_refuses_an_offer_of_someone_without_an_account_on_the_email_field(
    client, org_a, org_b, admin_b
):
    signed_framework(org_a, org_b)
    client.force_login(admin_b)

    response = offer(client, employer=org_b, host=org_a, email="nobody@example.org")

    assert response.status_code == 200
    body = response.content.decode()
    assert field_error(body, "email") == "No one with this e-mail address has an account."
    assert not Deployment.objects.exists()


def test_it_refuses_an_offer_to_the_employer_itself_on_the_host_field(client, org_b, admin_b):
    signed_framework(org_b)
    AffiliationFactory(user=UserFactory(email="lent@example.org"), organisation=org_b)
    client.force_login(admin_b)

    response = offer(client, employer=org_b, host=org_b, email="lent@example.org")

    assert response.status_code == 200
    assert field_error(response.content.decode(), "host") == "Offer the person to another partner."
    assert not Deployment.objects.exists()


def test_a_made_offer_goes_to_its_deployment_with_a_message(client, org_a, org_b, admin_b):
    signed_framework(org_a, org_b)
    person = UserFactory(email="lent@example.org")
    AffiliationFactory(user=person, organisation=org_b, status="confirmed")
    client.force_login(admin_b)

    response = offer(client, employer=org_b, host=org_a, email="lent@example.org")

    made = Deployment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("deployments:deployment", kwargs={"pk": made.pk})
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        "The offer is made. The partner and the person are asked to agree."
    ]


def test_it_refuses_to_name_someone_without_an_account_on_the_email_field(
    client, org_a, org_b, admin_a, admin_b
):
    signed_framework(org_a, org_b)
    open_need = need(admin_a, org_a)
    client.force_login(admin_b)

    response = client.post(
        reverse("deployments:propose", kwargs={"pk": open_need.pk}),
        {"employer": org_b.pk, "email": "nobody@example.org"},
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert field_error(body, "email") == "No one with this e-mail address has an account."
    open_need.refresh_from_db()
    assert open_need.person_id is None


def test_naming_a_person_goes_to_the_deployment_with_their_name(
    client, org_a, org_b, admin_a, admin_b
):
    signed_framework(org_a, org_b)
    open_need = need(admin_a, org_a)
    person = UserFactory(email="lent@example.org", full_name="Ruth Okoro")
    AffiliationFactory(user=person, organisation=org_b, status="confirmed")
    client.force_login(admin_b)

    response = client.post(
        reverse("deployments:propose", kwargs={"pk": open_need.pk}),
        {"employer": org_b.pk, "email": "lent@example.org"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("deployments:deployment", kwargs={"pk": open_need.pk})
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        f"{person.display_name} is named. They and the host are asked to agree."
    ]
