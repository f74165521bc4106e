"""Sign-in by e-mail link and optional password."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.partners.accounts import services
from oneworkforce.partners.models import SignInAttempt, SignInToken, User
from oneworkforce.partners.tests import factories

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/accounts/sign-in/link/[^/\s]+/)")


def request_link(client, email="someone@example.com", **extra):
    return client.post(
        reverse("partners:sign_in"),
        {"email": email, **extra},
        **{"REMOTE_ADDR": extra.pop("ip", "192.0.2.10")},
    )


def link_from_outbox(index=-1):
    match = LINK.search(mail.outbox[index].body)
    assert match, mail.outbox[index].body
    return match.group(1)


def test_it_sends_a_link_to_any_email_domain_and_creates_the_account_on_first_use(client):
    response = request_link(client, "carer@gmail-example.com")
    assert response.status_code == 302
    assert response.url == reverse("partners:sign_in_sent")
    assert mail.outbox[0].to == ["carer@gmail-example.com"]
    assert not User.objects.filter(email="carer@gmail-example.com").exists()

    link = link_from_outbox()
    assert client.get(link).status_code == 200  # confirm page: the link is not used up by a GET
    response = client.post(link)

    user = User.objects.get(email="carer@gmail-example.com")
    assert response.status_code == 302
    assert response.url == reverse("partners:profile")
    assert client.get(reverse("partners:account")).status_code == 200
    assert AuditEvent.objects.filter(action="account.created", object_id=str(user.pk)).exists()


def test_it_stores_only_a_hash_of_the_link_secret(client):
    request_link(client)
    secret = link_from_outbox().rstrip("/").rsplit("/", 1)[1]
    token = SignInToken.objects.get()
    assert secret not in token.token_hash
    assert len(token.token_hash) == 64


def test_a_link_works_only_once(client):
    request_link(client)
    link = link_from_outbox()
    client.post(link)
    client.logout()
    response = client.post(link)
    assert response.status_code == 400
    assert "already been used" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_expired_link_says_so_and_signs_nobody_in(client):
    request_link(client)
    link = link_from_outbox()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        response = client.post(link)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_link_still_works_just_before_fifteen_minutes(client):
    request_link(client)
    link = link_from_outbox()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=14, seconds=50)):
        response = client.post(link)
    assert response.status_code == 302


@pytest.mark.parametrize("token", ["forged", "x" * 43, "a" * 300])
def test_a_forged_link_is_not_valid(client, token):
    response = client.get(reverse("partners:sign_in_link", kwargs={"token": token}))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_the_link_request_page_does_not_reveal_whether_an_account_exists(client):
    factories.UserFactory(email="known@example.org")
    known = request_link(client, "known@example.org")
    unknown = request_link(client, "unknown@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_it_limits_links_per_address(client, settings):
    settings.SIGN_IN_RATE_PER_ADDRESS = 3
    for _ in range(3):
        assert request_link(client, "busy@example.org").status_code == 302
    response = request_link(client, "busy@example.org")
    assert response.status_code == 200
    assert "Wait an hour" in response.content.decode()
    assert len(mail.outbox) == 3
    # Other people are not affected.
    assert request_link(client, "other@example.org").status_code == 302


def test_it_limits_links_per_ip_address(client, settings):
    settings.SIGN_IN_RATE_PER_IP = 2
    assert request_link(client, "a@example.org", ip="198.51.100.7").status_code == 302
    assert request_link(client, "b@example.org", ip="198.51.100.7").status_code == 302
    assert request_link(client, "c@example.org", ip="198.51.100.7").status_code == 200
    assert request_link(client, "c@example.org", ip="198.51.100.8").status_code == 302


def test_rate_limit_records_hold_no_raw_email_or_ip(client):
    request_link(client, "private@example.org", ip="203.0.113.5")
    attempt = SignInAttempt.objects.get()
    assert "private" not in attempt.address_hash
    assert "203.0.113.5" not in attempt.ip_hash


def test_the_limit_lifts_after_the_window(client, settings):
    settings.SIGN_IN_RATE_PER_ADDRESS = 1
    request_link(client, "later@example.org")
    assert request_link(client, "later@example.org").status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=61)):
        assert request_link(client, "later@example.org").status_code == 302


def test_invalid_email_shows_the_error_summary_and_keeps_the_input(client):
    response = client.post(reverse("partners:sign_in"), {"email": "not-an-email"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in body
    assert 'href="#id_email"' in body
    assert 'value="not-an-email"' in body
    assert "<title>Error: " in body
    assert not mail.outbox


def test_next_url_is_followed_only_when_local(client):
    factories.UserFactory(email="returning@example.org")
    request_link(client, "returning@example.org", next="/frameworks/")
    assert client.post(link_from_outbox()).url == "/frameworks/"
    client.logout()
    request_link(client, "returning@example.org", next="https://evil.example/")
    assert client.post(link_from_outbox()).url == reverse("core:home")


def test_a_closed_account_cannot_sign_in_by_link(client):
    factories.UserFactory(email="closed@example.org", is_active=False)
    request_link(client, "closed@example.org")
    response = client.post(link_from_outbox())
    assert response.status_code == 400
    assert "closed" in response.content.decode()


def test_password_sign_in_is_optional_and_works_once_set(client):
    user = factories.UserFactory(email="pw@example.org")
    services.password_set(user=user, password="correct horse battery")
    response = client.post(
        reverse("partners:sign_in_password"),
        {"email": "PW@example.org", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="account.password_set").get().changes == {
        "password": {"changed": True}
    }


def test_wrong_passwords_are_limited(client, settings):
    settings.PASSWORD_ATTEMPTS_PER_ADDRESS = 2
    user = factories.UserFactory(email="pw@example.org")
    services.password_set(user=user, password="correct horse battery")
    for _ in range(2):
        response = client.post(
            reverse("partners:sign_in_password"), {"email": "pw@example.org", "password": "nope"}
        )
        assert "not right" in response.content.decode()
    response = client.post(
        reverse("partners:sign_in_password"),
        {"email": "pw@example.org", "password": "correct horse battery"},
    )
    assert response.status_code == 200
    assert "Too many attempts" in response.content.decode()


def test_purge_removes_old_links_and_attempts_only(client):
    request_link(client)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        request_link(client, "fresh@example.org")
        removed = services.sign_in_records_purge()
    assert removed == 2
    assert SignInToken.objects.get().email == "fresh@example.org"
    assert SignInAttempt.objects.count() == 1


def test_a_refused_link_leaves_no_secret_in_the_logs(client, caplog):
    request_link(client)
    link = link_from_outbox()
    secret = link.rstrip("/").rsplit("/", 1)[1]
    client.post(link)
    client.logout()
    with caplog.at_level("WARNING", logger="django.request"):
        assert client.post(link).status_code == 400
    assert caplog.records, "the refused request should be logged"
    assert all(secret not in record.getMessage() for record in caplog.records)
    assert "/accounts/sign-in/link/[redacted]" in caplog.text
