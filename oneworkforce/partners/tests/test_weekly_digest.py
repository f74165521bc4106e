"""The weekly e-mail of what is waiting on a person: once a week, only with something waiting,
only to those who keep it on and use their account, and turned off from the account page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.audit import AuditEvent
from oneworkforce.learning.models import CompletionState
from oneworkforce.learning.tests.factories import CompletionFactory
from oneworkforce.partners.jobs import weekly_digest
from oneworkforce.partners.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
MONDAY = timezone.make_aware(dt.datetime(2026, 12, 7, 7, 0))


def _waiting_admin(admin_a, org_a):
    CompletionFactory(issuer=org_a, opportunity__organisation=org_a, state=CompletionState.PENDING)
    admin_a.last_login = MONDAY - dt.timedelta(days=3)
    admin_a.save()
    return admin_a


def test_a_person_with_something_waiting_gets_it_once_a_week(admin_a, org_a, mailoutbox):
    admin = _waiting_admin(admin_a, org_a)
    nothing = UserFactory(last_login=MONDAY - dt.timedelta(days=1))
    assert weekly_digest(MONDAY) == 1
    (mail,) = mailoutbox
    assert mail.to == [admin.email] and nothing.email not in mail.to
    assert "Completions to verify: 1" in mail.body
    assert reverse("learning:completions", kwargs={"slug": org_a.slug}) in mail.body
    assert reverse("partners:digest") in mail.body
    assert weekly_digest(MONDAY + dt.timedelta(days=2)) == 0  # same week
    assert weekly_digest(MONDAY + dt.timedelta(days=7)) == 1  # the next week


def test_no_e_mail_when_turned_off_or_the_account_is_unused(admin_a, org_a, mailoutbox):
    admin = _waiting_admin(admin_a, org_a)
    admin.last_login = MONDAY - dt.timedelta(days=91)
    admin.save()
    assert weekly_digest(MONDAY) == 0
    admin.last_login = MONDAY
    admin.weekly_digest = False
    admin.save()
    assert weekly_digest(MONDAY) == 0 and mailoutbox == []


def test_a_person_turns_it_off_from_their_account_and_it_is_audited(client):
    person = UserFactory()
    client.force_login(person)
    assert "Weekly e-mail of what waits on you" in client.get(reverse("partners:account")).text
    refused = client.post(reverse("partners:digest"), {"weekly_digest": "maybe"})
    assert refused.status_code == 200 and "Choose yes or no" in refused.text
    person.refresh_from_db()
    assert person.weekly_digest is True
    response = client.post(reverse("partners:digest"), {"weekly_digest": "no"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.weekly_digest is False
    assert AuditEvent.objects.filter(action="profile.digest_changed", object_id=str(person.pk))
