"""The front door, careers pages and the partnership's branding in the header."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_front_door_leads_to_careers_and_learning_before_the_partnership(client):
    body = client.get("/").content.decode()
    careers = body.index(reverse("careers:index"))
    learning = body.index(f'href="{reverse("learning:home")}"', body.index("<main"))
    partners = body.index(reverse("partners:directory"), body.index("<main"))
    assert careers < partners and learning < partners


def test_the_careers_page_lists_every_role_and_draws_each_pathway_with_a_list(client):
    body = client.get(reverse("careers:index")).content.decode()
    assert "42 roles" in body
    assert body.count('<figure class="owf-pathway') == 7
    assert 'aria-describedby="pathway-1"' in body and 'id="pathway-1"' in body


def test_a_role_page_shows_pay_ways_in_and_where_it_leads(client):
    body = client.get(reverse("careers:role", args=["nursing-associate"])).content.decode()
    assert "Apprenticeship: paid work while you study" in body
    assert "£27,485 to £30,162" in body and "NHS Band 4" in body
    assert reverse("careers:role", args=["registered-nurse-adult"]) in body
    assert "/learning/search?q=nursing+associate" in body
    # The band's note opens from a summary with words (an empty one fails axe's summary-name).
    assert "What an NHS pay band is" in body


def test_an_unknown_role_is_not_found(client):
    assert client.get("/careers/astronaut/").status_code == 404


def test_the_header_shows_no_nhs_logo_unless_the_setting_turns_it_on(client, settings):
    settings.PARTNERSHIP_NAME = "Westdale Health and Care Partnership"
    body = client.get("/").content.decode()
    assert "owf-header--no-nhs-logo" in body
    assert "Westdale Health and Care Partnership" in body
    settings.SHOW_NHS_LOGO = True
    assert "owf-header--no-nhs-logo" not in client.get("/").content.decode()


def test_a_partnership_logo_replaces_the_nhs_logo(client, settings):
    settings.PARTNERSHIP_NAME = "Westdale Partnership"
    settings.PARTNERSHIP_LOGO = "https://example.org/logo.png"
    body = client.get("/").content.decode()
    assert '<img class="nhsuk-header__organisation-logo" src="https://example.org/logo.png"' in body
    assert 'alt="Westdale Partnership"' in body
    assert "nhsuk-header__logo" not in body
