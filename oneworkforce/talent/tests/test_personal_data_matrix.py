"""Who sees a candidate's personal data, for every kind of person in the matrix.

Partner admins see only their own applicants (and only their own applications); barriers,
cohort tags, equality monitoring and support are shown to talent coordinators alone — not to
partner admins, and not to the partnership admin.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.tests import authz
from oneworkforce.talent.tests.authz_casework import BARRIER_NOTE, INTERVENTION_TEXT

SENSITIVE = {
    "barrier note": BARRIER_NOTE,
    "barrier kind": "Criminal record",
    "cohort": "refugee",
    "equality answer": "Black, Black British, Caribbean or African",
    "support": INTERVENTION_TEXT,
}
EXPECTED = {
    authz.ANONYMOUS: "sign in",
    authz.LEARNER: "denied",
    authz.ADMIN_A: "own applications",
    authz.ADMIN_B: "denied",
    authz.PARTNERSHIP_ADMIN: "own applications",
    authz.TALENT_COORDINATOR: "everything",
}


def _client(world, role):
    client = Client()
    if role != authz.ANONYMOUS:
        client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("role", authz.ROLES)
def test_the_candidate_page_shows_each_role_only_what_it_needs(world, role):
    candidate = world.casework_candidate
    response = _client(world, role).get(reverse("talent:candidate", kwargs={"pk": candidate.pk}))
    expected = EXPECTED[role]
    if expected == "sign in":
        assert response.status_code == 302 and "sign-in" in response["Location"]
        return
    if expected == "denied":
        assert response.status_code in (403, 404)
        return
    page = response.content.decode()
    assert response.status_code == 200
    assert "Casey Casework" in page
    assert "Casework role at A" in page
    shown = {what for what, text in SENSITIVE.items() if text in page}
    if expected == "everything":
        assert shown == set(SENSITIVE)
        assert "Casework role at B" in page
    else:
        assert shown == set(), f"{role} was shown {shown}"
        assert "Casework role at B" not in page  # another partner's, not yet put forward
    assert AuditEvent.objects.filter(
        action="talent.candidate_viewed", object_id=str(candidate.pk), actor=world.users[role]
    ).exists()


@pytest.mark.parametrize("role", [authz.ADMIN_A, authz.ADMIN_B, authz.TALENT_COORDINATOR])
def test_the_candidate_list_holds_only_the_partner_s_own_applicants(world, role):
    page = _client(world, role).get(reverse("talent:candidates")).content.decode()
    listed = "Casey Casework" in page
    assert listed is (role != authz.ADMIN_B)
    assert "Pat Pipeline" in page or role != authz.TALENT_COORDINATOR


@pytest.mark.parametrize("role", authz.ROLES)
def test_no_one_but_a_coordinator_reaches_the_sensitive_forms(world, role):
    url = reverse("talent:candidate_barriers", kwargs={"pk": world.casework_candidate.pk})
    response = _client(world, role).get(url)
    if role == authz.TALENT_COORDINATOR:
        assert response.status_code == 200 and BARRIER_NOTE in response.content.decode()
    else:
        assert response.status_code in (302, 403, 404)
        assert BARRIER_NOTE not in response.content.decode()
