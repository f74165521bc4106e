"""Giving a person a job role by e-mail: an unknown address is refused on its field, someone not
confirmed at the top of the form, both writing nothing; a confirmed person is given the job role,
with a message naming them."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from oneworkforce.partners.tests.factories import AffiliationFactory, UserFactory

from .factories import JobRoleFactory

pytestmark = pytest.mark.django_db


def field_error(body: str, name: str) -> str:
    found = re.search(rf'id="id_{name}-error"\s*>\s*<span[^>]*>Error: </span>([^<]*)<', body)
    return found.group(1).strip() if found else ""


def test_it_refuses_an_address_without_an_account_on_the_email_field(client, org_a, admin_a):
    job_role = JobRoleFactory(organisation=org_a)
    client.force_login(admin_a)

    response = client.post(
        reverse("learning:job_role_people", kwargs={"slug": org_a.slug, "pk": job_role.pk}),
        {"email": "nobody@example.org"},
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert field_error(body, "email") == "No one with this e-mail address has an account."
    assert not job_role.members.exists()


def test_it_refuses_someone_whose_work_is_not_confirmed_at_the_top_of_the_form(
    client, org_a, admin_a
):
    job_role = JobRoleFactory(organisation=org_a)
    UserFactory(email="carer@example.org")
    client.force_login(admin_a)

    response = client.post(
        reverse("learning:job_role_people", kwargs={"slug": org_a.slug, "pk": job_role.pk}),
        {"email": "carer@example.org"},
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Only people whose work with you is confirmed can be given a job role." in body
    assert field_error(body, "email") == ""
    assert not job_role.members.exists()


def test_it_gives_a_known_person_the_job_role_and_names_them(client, org_a, admin_a):
    job_role = JobRoleFactory(organisation=org_a)
    person = UserFactory(email="carer@example.org", full_name="Ada Mensah")
    AffiliationFactory(user=person, organisation=org_a, status="confirmed")
    client.force_login(admin_a)
    page = reverse("learning:job_role_people", kwargs={"slug": org_a.slug, "pk": job_role.pk})

    response = client.post(page, {"email": "carer@example.org"})

    assert response.status_code == 302
    assert response["Location"] == page
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        f"{person.display_name} now has this job role."
    ]
    assert list(job_role.members.all()) == [person]
