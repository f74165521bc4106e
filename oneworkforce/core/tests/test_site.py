"""Site-wide behaviour: health check, security headers, static files, error pages."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.staticfiles import finders
from django.db import DatabaseError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_says_when_the_database_is_down(client):
    with mock.patch("oneworkforce.core.views.connection.cursor", side_effect=DatabaseError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "version": mock.ANY}


def test_every_page_sends_a_strict_content_security_policy_with_a_fresh_nonce(client):
    first = client.get(reverse("careers:home"))
    second = client.get(reverse("careers:home"))
    policy = first["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in first.content.decode()
    assert nonce not in second["Content-Security-Policy"]


def test_the_layout_has_the_service_name_and_footer_links(client):
    body = client.get(reverse("careers:home")).content.decode()
    assert "One Workforce" in body
    for name in ("core:accessibility", "core:privacy", "core:cookies"):
        assert f'href="{reverse(name)}"' in body


def test_only_the_served_parts_of_the_nhsuk_package_are_published():
    assert finders.find("nhsuk/nhsuk-frontend.min.css")
    assert finders.find("images/nhsuk-icon-search.svg")
    assert not finders.find("nhsuk/nhsuk.scss")
    from oneworkforce.core.staticfiles import NhsukFrontendFinder

    listed = {path for path, _ in NhsukFrontendFinder().list(None)}
    assert "nhsuk-frontend.min.js" in listed
    assert "manifest.json" in listed
    assert not any(p.endswith(".scss") for p in listed)
    assert not any(p.startswith(("components/", "core/")) for p in listed)


def test_a_missing_frontend_package_is_reported_by_the_system_check(settings, tmp_path):
    from oneworkforce.core.staticfiles import NhsukFrontendFinder

    settings.NODE_MODULES_DIR = tmp_path
    errors = NhsukFrontendFinder().check()
    assert [e.id for e in errors] == ["oneworkforce.E001"]


def test_unknown_pages_use_the_service_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "nhsuk-header" in response.content.decode()


def test_a_post_without_csrf_token_gets_a_plain_explanation(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("partners:sign_in"), {"email": "a@b.c"}
    )
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


def test_collectstatic_works_with_the_production_storage(settings, tmp_path):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "nhsuk/nhsuk-frontend.min.css" in manifest
    assert "images/nhsuk-icon-search.svg" in manifest
