"""Workflows of the partnership: each changes what it should, refuses what it must, and audits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.accounts import services as accounts
from oneworkforce.partners.choices import AffiliationStatus, Role, Sector
from oneworkforce.partners.manage import services as manage
from oneworkforce.partners.models import Affiliation, RoleGrant, Signatory, Site, User
from oneworkforce.partners.registry import services as registry
from oneworkforce.partners.tests import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def test_a_partner_admin_confirms_someone_who_works_there(org_a, admin_a, learner):
    affiliation = accounts.affiliation_request(
        user=learner, organisation=org_a, relationship="employee", job_title="Care worker"
    )
    manage.affiliation_decide(actor=admin_a, affiliation=affiliation, confirm=True)
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.CONFIRMED
    assert affiliation.decided_by == admin_a
    event = AuditEvent.objects.get(action="affiliation.confirmed")
    assert event.organisation == org_a
    assert event.changes == {"status": {"from": "pending", "to": "confirmed"}}


def test_an_admin_of_another_partner_cannot_confirm(org_a, admin_b, learner):
    affiliation = accounts.affiliation_request(
        user=learner, organisation=org_a, relationship="employee"
    )
    with pytest.raises(ServiceError):
        manage.affiliation_decide(actor=admin_b, affiliation=affiliation, confirm=True)
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.PENDING


def test_a_person_cannot_ask_twice_to_join_the_same_partner(org_a, learner):
    accounts.affiliation_request(user=learner, organisation=org_a, relationship="employee")
    with pytest.raises(ServiceError) as error:
        accounts.affiliation_request(user=learner, organisation=org_a, relationship="bank")
    assert error.value.field == "organisation"
    assert Affiliation.objects.count() == 1


def test_after_a_link_ends_the_person_can_ask_again(org_a, learner):
    first = accounts.affiliation_request(user=learner, organisation=org_a, relationship="employee")
    accounts.affiliation_end(actor=learner, affiliation=first)
    accounts.affiliation_request(user=learner, organisation=org_a, relationship="volunteer")
    assert Affiliation.objects.open().count() == 1


def test_profile_changes_are_audited_without_personal_values(learner):
    accounts.user_profile_update(
        actor=learner, user=learner, data={"full_name": "New Name", "job_title": "Peer supporter"}
    )
    event = AuditEvent.objects.get(action="profile.updated")
    assert event.changes["full_name"] == {"changed": True}
    assert event.changes["job_title"]["to"] == "Peer supporter"
    assert "New Name" not in str(event.changes)
    assert event.object_repr == f"Account #{learner.pk}"


def test_an_unchanged_profile_writes_no_audit_event(learner):
    accounts.user_profile_update(actor=learner, user=learner, data={"full_name": learner.full_name})
    assert not AuditEvent.objects.filter(action="profile.updated").exists()


def test_deleting_an_account_keeps_the_audit_trail_by_number(org_a, learner):
    accounts.affiliation_request(user=learner, organisation=org_a, relationship="employee")
    pk = learner.pk
    email = learner.email
    accounts.account_delete(actor=learner, user=learner)
    assert not User.objects.filter(email=email).exists()
    assert not User.objects.get(pk=pk).is_active
    assert not Affiliation.objects.exists()
    events = AuditEvent.objects.filter(actor_ref=pk)
    assert events.count() == 2
    assert all(e.actor is None for e in events)
    assert events.first().actor_label == f"Deleted account #{pk}"


def test_signing_needs_an_admin_of_that_partner(org_a, org_b, admin_a):
    framework = factories.FrameworkFactory()
    with pytest.raises(ServiceError):
        registry.framework_sign(
            actor=admin_a,
            framework=framework,
            organisation=org_b,
            signed_on=TODAY,
            signed_by_name="X",
            signed_by_job_title="CEO",
        )
    registry.framework_sign(
        actor=admin_a,
        framework=framework,
        organisation=org_a,
        signed_on=TODAY,
        signed_by_name="X",
        signed_by_job_title="CEO",
    )
    assert framework.signatories.get().organisation == org_a


def test_a_partner_cannot_sign_twice_or_in_the_future(org_a, admin_a):
    framework = factories.FrameworkFactory()
    kwargs = dict(
        actor=admin_a,
        framework=framework,
        organisation=org_a,
        signed_by_name="X",
        signed_by_job_title="CEO",
    )
    with pytest.raises(ServiceError) as error:
        registry.framework_sign(signed_on=timezone.localdate() + dt.timedelta(days=1), **kwargs)
    assert error.value.field == "signed_on"
    registry.framework_sign(signed_on=TODAY, **kwargs)
    with pytest.raises(ServiceError):
        registry.framework_sign(signed_on=TODAY, **kwargs)
    assert Signatory.objects.count() == 1


def test_withdrawal_takes_effect_on_its_date(org_a, admin_a):
    signatory = factories.SignatoryFactory(organisation=org_a, signed_on=dt.date(2025, 1, 1))
    framework = signatory.framework
    registry.signatory_withdraw(
        actor=admin_a, signatory=signatory, withdrawn_on=dt.date(2026, 3, 1), reason="Merged"
    )
    assert framework.has_current_signatory(org_a, on=dt.date(2026, 2, 28))
    assert not framework.has_current_signatory(org_a, on=dt.date(2026, 3, 1))
    assert not framework.has_current_signatory(org_a, on=dt.date(2024, 12, 31))
    event = AuditEvent.objects.get(action="framework.withdrawn")
    assert event.changes["withdrawal_reason"]["to"] == "Merged"


def test_withdrawal_before_signing_is_refused(org_a, admin_a):
    signatory = factories.SignatoryFactory(organisation=org_a, signed_on=dt.date(2025, 1, 1))
    with pytest.raises(ServiceError) as error:
        registry.signatory_withdraw(
            actor=admin_a, signatory=signatory, withdrawn_on=dt.date(2024, 1, 1), reason="x"
        )
    assert error.value.field == "withdrawn_on"


def test_after_withdrawing_a_partner_can_sign_again(org_a, admin_a):
    signatory = factories.SignatoryFactory(organisation=org_a, signed_on=dt.date(2025, 1, 1))
    registry.signatory_withdraw(
        actor=admin_a, signatory=signatory, withdrawn_on=dt.date(2025, 6, 1), reason="Paused"
    )
    registry.framework_sign(
        actor=admin_a,
        framework=signatory.framework,
        organisation=org_a,
        signed_on=dt.date(2026, 1, 1),
        signed_by_name="Y",
        signed_by_job_title="CEO",
    )
    assert signatory.framework.has_current_signatory(org_a, on=dt.date(2026, 2, 1))


@pytest.mark.parametrize(
    ("role", "organisation", "faculty", "field"),
    [
        (Role.PARTNER_ADMIN, False, False, "organisation"),
        (Role.PARTNER_REPRESENTATIVE, False, False, "organisation"),
        (Role.FACULTY_LEAD, False, False, "faculty"),
        (Role.PARTNERSHIP_ADMIN, True, False, "organisation"),
        (Role.ANALYST, False, True, "faculty"),
    ],
)
def test_roles_need_the_right_scope(
    partnership_admin, learner, org_a, role, organisation, faculty, field
):
    with pytest.raises(ServiceError) as error:
        manage.role_grant(
            actor=partnership_admin,
            user=learner,
            role=role,
            organisation=org_a if organisation else None,
            faculty=factories.FacultyFactory() if faculty else None,
        )
    assert error.value.field == field
    assert not RoleGrant.objects.filter(user=learner).exists()


def test_a_granted_role_opens_the_partner_and_revoking_closes_it(partnership_admin, learner, org_a):
    grant = manage.role_grant(
        actor=partnership_admin, user=learner, role=Role.PARTNER_ADMIN, organisation=org_a
    )
    assert User.objects.get(pk=learner.pk).administers(org_a)
    manage.role_revoke(actor=partnership_admin, grant=grant)
    assert not User.objects.get(pk=learner.pk).administers(org_a)
    assert list(AuditEvent.objects.values_list("action", flat=True).order_by("id")) == [
        "role.granted",
        "role.revoked",
    ]


def test_only_partnership_admins_grant_roles(admin_a, learner, org_a):
    with pytest.raises(ServiceError):
        manage.role_grant(actor=admin_a, user=learner, role=Role.PARTNER_ADMIN, organisation=org_a)


def test_the_last_partnership_admin_cannot_be_removed(partnership_admin):
    grant = partnership_admin.role_grants.get()
    with pytest.raises(ServiceError):
        manage.role_revoke(actor=partnership_admin, grant=grant)


def test_organisation_updates_record_before_and_after(org_a, admin_a):
    registry.organisation_update(actor=admin_a, organisation=org_a, data={"summary": "New words"})
    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.changes == {
        "summary": {"from": "A partner in the test partnership.", "to": "New words"}
    }


def test_two_partners_cannot_share_an_ods_code(partnership_admin):
    factories.OrganisationFactory(ods_code="RR8")
    with pytest.raises(ServiceError) as error:
        registry.organisation_create(
            actor=partnership_admin,
            data={"name": "Copy", "sector": Sector.NHS_ACUTE, "ods_code": "rr8"},
        )
    assert error.value.field == "ods_code"
    assert not AuditEvent.objects.filter(action="organisation.created").exists()


def test_many_partners_may_have_no_ods_code(partnership_admin):
    for name in ("Home Care One", "Home Care Two"):
        registry.organisation_create(
            actor=partnership_admin, data={"name": name, "sector": Sector.ADULT_SOCIAL_CARE}
        )
    assert AuditEvent.objects.filter(action="organisation.created").count() == 2


def test_site_names_are_unique_within_a_partner(org_a, admin_a):
    registry.site_add(actor=admin_a, organisation=org_a, name="Main", postcode="LS1 4AP")
    with pytest.raises(ServiceError) as error:
        registry.site_add(actor=admin_a, organisation=org_a, name="Main", postcode="LS2 9JT")
    assert error.value.field == "name"
    assert Site.objects.count() == 1
