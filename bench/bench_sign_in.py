"""Sign-in cost: request and use an e-mail link, against a password sign-in with Django's
production password hasher (PBKDF2), measured in the same run."""

from __future__ import annotations

import itertools

from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings

from bench.harness import measure, ratio
from oneworkforce.partners.accounts import services
from oneworkforce.partners.models import User

NAME = "sign_in"
_counter = itertools.count()


PBKDF2 = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"])


def setup() -> None:
    with PBKDF2:
        User.objects.create(
            email="bench-password@example.org",
            password=make_password("a long enough password"),
        )


def _link_round_trip() -> None:
    tokens: list[str] = []
    services.sign_in_link_request(
        email=f"bench{next(_counter)}@example.org", ip="192.0.2.1", link_builder=tokens.append
    )
    services.sign_in_link_redeem(token=tokens[0])


def run() -> list[str]:
    client = Client()

    def password_sign_in() -> None:
        client.post(
            "/accounts/sign-in/password/",
            {"email": "bench-password@example.org", "password": "a long enough password"},
        )
        client.logout()

    with override_settings(SIGN_IN_RATE_PER_IP=10**9, SIGN_IN_RATE_PER_ADDRESS=10**9):
        link = measure("e-mail link: request + use", _link_round_trip, runs=40)
    with PBKDF2:
        password = measure("password sign-in (PBKDF2, whole request)", password_sign_in, runs=15)
    return [link.row(), password.row(), ratio("password / e-mail link", password, link)]
