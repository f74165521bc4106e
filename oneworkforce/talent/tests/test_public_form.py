"""The public outreach form: personal fields say what they hold (WCAG 2.2 1.3.5), the consent
links the privacy notice, and a person without e-mail gets a reference to quote."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from oneworkforce.talent.models import Candidate
from oneworkforce.talent.tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


def _input(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)


def test_personal_fields_carry_autocomplete_and_the_phone_keypad(client):
    page = client.get(reverse("talent:join_general")).content.decode()
    assert 'autocomplete="name"' in _input(page, "full_name")
    assert 'autocomplete="email"' in _input(page, "email")
    phone = _input(page, "phone")
    assert 'autocomplete="tel"' in phone and 'inputmode="tel"' in phone
    assert 'autocomplete="postal-code"' in _input(page, "postcode")
    assert f'<a href="{reverse("core:privacy")}">Read the privacy notice</a>' in page


def _join(client, **fields):  # type: ignore[no-untyped-def]
    data = {"full_name": "Pat Doe", "hours": "any", "consent": "on", **fields}
    return client.post(reverse("talent:join_general"), data, follow=True).content.decode()


def test_someone_without_email_gets_a_reference_to_quote(client):
    page = _join(client, phone="07700 900123")
    reference = Candidate.objects.get().reference
    assert f"Your reference is <strong>{reference}</strong>" in page
    again = client.get(reverse("talent:join_thanks")).content.decode()
    assert reference not in again  # shown once


def test_no_reference_is_shown_for_details_matching_someone_already_known(client):
    known = CandidateFactory(phone="07700900123")
    page = _join(client, phone="07700 900123")
    assert known.reference not in page
    assert "Your reference is" not in page
