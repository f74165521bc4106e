"""A coordinator adds a person they met: duplicates are refused by name or merged by one rule."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.talent.models import Candidate
from oneworkforce.talent.tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


def _add(client, **values):
    today = timezone.localdate()
    form = {
        "full_name": "Kwame Mensah",
        "email": "",
        "phone": "",
        "hours": "any",
        "lawful_basis": "consent",
        "consent_on_day": today.day,
        "consent_on_month": today.month,
        "consent_on_year": today.year,
        **values,
    }
    return client.post(reverse("talent:candidate_add"), form, follow=True)


@pytest.fixture
def coordinator_client(talent_coordinator):
    client = Client()
    client.force_login(talent_coordinator)
    return client


def test_a_new_person_is_added(coordinator_client):
    response = _add(coordinator_client, email="kwame@example.net", postcode="LS9 7AB")
    candidate = Candidate.objects.get()
    assert response.redirect_chain[-1][0] == reverse("talent:candidate", args=[candidate.pk])
    assert "Candidate added." in response.content.decode()
    assert (candidate.email, candidate.outward_code) == ("kwame@example.net", "LS9")


def test_the_same_email_is_refused_naming_who_has_it(coordinator_client):
    known = CandidateFactory(email="kwame@example.net")
    page = _add(coordinator_client, email="Kwame@Example.net").content.decode()
    assert f"{known.reference} already has this e-mail address or phone number" in page
    assert Candidate.objects.count() == 1


def test_merging_fills_blanks_and_never_overwrites(coordinator_client):
    known = CandidateFactory(email="kwame@example.net", phone=None, interest_roles=["admin"])
    page = _add(
        coordinator_client,
        email="kwame@example.net",
        phone="07700 900456",
        interest_roles=["care_support"],
        merge="on",
    ).content.decode()
    assert "The details were added to the existing record." in page
    known.refresh_from_db()
    assert known.phone == "07700900456" and known.full_name == "Kwame Mensah"
    assert known.interest_roles == ["admin", "care_support"]
    assert Candidate.objects.count() == 1


def test_details_matching_two_people_copy_neither_and_flag_them(coordinator_client):
    # The e-mail is one person's and the phone another's: copying the phone would give two
    # people one number (the database refuses it), so the pair is flagged instead.
    by_email = CandidateFactory(email="kwame@example.net", phone=None)
    by_phone = CandidateFactory(email=None, phone="07700900456")
    response = _add(coordinator_client, email="kwame@example.net", phone="07700900456", merge="on")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"not the other contact detail: {by_phone.reference} has it" in page
    by_email.refresh_from_db()
    assert by_email.phone is None and by_email.full_name == "Kwame Mensah"
    flag = AuditEvent.objects.get(action="talent.possible_duplicate")
    assert flag.changes == {"also_matches": by_phone.reference}
    assert Candidate.objects.count() == 2
