"""The links a page offers follow the access rules: partnership admins see the partnership's
settings, partner admins what they look after, and nobody else sees either."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oneworkforce.partners.tests import factories

pytestmark = pytest.mark.django_db


def _page(client, user, url):
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "learner", "admin_a", "partnership_admin"])
def test_only_partnership_admins_are_offered_to_add_or_edit_faculties_and_frameworks(
    client, request, who
):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    faculty = factories.FacultyFactory(name="Nursing faculty")
    framework = factories.FrameworkFactory(name="Staff portability")
    runs_partnership = who == "partnership_admin"

    faculties = _page(client, user, reverse("partners:faculties"))
    assert (reverse("partners:faculty_add") in faculties) is runs_partnership
    assert (reverse("partners:faculty_edit", args=[faculty.slug]) in faculties) is runs_partnership
    frameworks = _page(client, user, reverse("partners:frameworks"))
    assert (reverse("partners:framework_add") in frameworks) is runs_partnership
    page = _page(client, user, framework.get_absolute_url())
    assert (reverse("partners:framework_edit", args=[framework.slug]) in page) is runs_partnership


def test_partner_admins_are_told_the_partnership_sets_their_name_and_type(
    client, org_a, admin_a, partnership_admin
):
    url = reverse("partners:edit", args=[org_a.slug])
    assert "set by the partnership" in _page(client, admin_a, url)
    assert "set by the partnership" not in _page(client, partnership_admin, url)


def test_the_management_page_shows_the_partnerships_settings_to_partnership_admins_only(
    client, admin_a, partnership_admin
):
    roles = reverse("partners:roles")
    assert roles not in _page(client, admin_a, reverse("partners:manage"))
    assert roles in _page(client, partnership_admin, reverse("partners:manage"))


def test_the_account_page_links_to_management_for_people_who_look_after_a_partner(
    client, learner, admin_a, partnership_admin, talent_coordinator
):
    manage = reverse("partners:manage")
    account = reverse("partners:account")
    assert manage not in _page(client, learner, account)
    assert manage in _page(client, admin_a, account)
    assert manage in _page(client, partnership_admin, account)
    # A role that looks after no partner does not lead to the management pages.
    assert manage not in _page(client, talent_coordinator, account)
