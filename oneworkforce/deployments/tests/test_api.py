"""The deployments API: register, deployments scoped to their parties, a cohort's plan."""

from __future__ import annotations

import pytest

from oneworkforce.deployments.portability import services
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RoleGrantFactory,
    UserFactory,
)

from .portability_factories import need, signed_framework

pytestmark = pytest.mark.django_db
BASE = "/api/v1/deployments"


def test_the_register_lists_current_signatories(client, org_a, org_b):
    signed_framework(org_a, org_b)
    body = client.get(f"{BASE}/register").json()
    assert set(body["signatories"]) >= {org_a.name, org_b.name}


def test_deployments_are_shown_to_their_parties_only(client, org_a, org_b, admin_a, admin_b):
    signed_framework(org_a, org_b)
    person = UserFactory()
    AffiliationFactory(user=person, organisation=org_b, status="confirmed")
    lent = need(admin_a, org_a)
    services.deployment_propose(actor=admin_b, deployment=lent, employer=org_b, person=person)
    client.force_login(person)
    assert client.get(f"{BASE}/portability/{lent.pk}").json()["employer"] == org_b.name
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(f"{BASE}/portability/{lent.pk}").status_code == 404
    open_need = need(admin_a, org_a)
    assert client.get(f"{BASE}/portability").json() == []
    # Another partner's admin sees the open need (to offer someone), not the agreed one.
    other_admin = UserFactory()
    RoleGrantFactory(user=other_admin, role="partner_admin", organisation=OrganisationFactory())
    client.force_login(other_admin)
    ids = [d["id"] for d in client.get(f"{BASE}/portability").json()]
    assert ids == [open_need.pk]
