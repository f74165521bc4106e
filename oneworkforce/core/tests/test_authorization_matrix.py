"""Every URL pattern, for every kind of person, gets exactly the access its rule allows.

A new view without a rule fails ``test_every_url_pattern_has_a_rule``; a view whose guard is
missing or wrong fails the parametrised access test for the role that got in (or was kept out).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from oneworkforce.core.tests import authz


def _url_names(resolver: URLResolver | None = None, namespace: str | None = None) -> list[str]:
    names = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            names.extend(_url_names(pattern, inner))
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


MODULES, RULES = authz.collect_rules()

CASES = [
    pytest.param(name, role, method, id=f"{name}-{role}-{method}")
    for name, rule in sorted(RULES.items())
    for role in authz.ROLES
    for method in rule.methods
]


def test_every_url_pattern_has_a_rule():
    names = _url_names()
    assert len(names) == len(set(names)), "two URL patterns share a name"
    missing = sorted(set(names) - set(RULES))
    stale = sorted(set(RULES) - set(names))
    assert not missing, f"URL patterns without an authorization rule: {missing}"
    assert not stale, f"rules for URL names that no longer exist: {stale}"


def _outcome(response) -> str:
    status = response.status_code
    assert status < 500, f"server error {status}"
    location = response.headers.get("Location", "")
    if status == 401 or (status in (301, 302) and location.startswith(reverse(settings.LOGIN_URL))):
        return "sign in"
    if status in (403, 404):
        return "denied"
    return "allowed"


@pytest.mark.parametrize(("name", "role", "method"), CASES)
def test_access(name, role, method, shared_world):
    rule = RULES[name]
    client = Client()
    if role != authz.ANONYMOUS:
        client.force_login(shared_world.users[role])
    url = reverse(name, kwargs=rule.kwargs(shared_world) or None)
    if rule.query:
        url = f"{url}?{rule.query}"
    if method == "GET":
        response = client.get(url)
    elif method == "POST":
        response = client.post(url, data={})
    else:  # PUT, PATCH, DELETE on the API: an empty JSON body
        response = client.generic(method, url, data="{}", content_type="application/json")

    if role in rule.allowed:
        expected = "allowed"
    elif role == authz.ANONYMOUS or rule.machine_key:
        expected = "sign in"
    else:
        expected = "denied"
    assert _outcome(response) == expected, (
        f"{method} {url} as {role}: status {response.status_code}, expected {expected}"
    )
