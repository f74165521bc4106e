"""Staff portability: signatories, the agreement steps, checks, starting, reports, alerts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.deployments import jobs
from oneworkforce.deployments.models import CHECKLIST, Deployment, EvidenceKind
from oneworkforce.deployments.portability import selectors as portability_selectors
from oneworkforce.deployments.portability import services
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    UserFactory,
)

from .portability_factories import need, signed_framework

pytestmark = pytest.mark.django_db


@pytest.fixture
def lent(org_a, org_b, admin_a, admin_b):
    """A need at A with a person from B named, consented and accepted."""
    signed_framework(org_a, org_b)
    person = UserFactory(full_name="Ruth Okoro")
    AffiliationFactory(user=person, organisation=org_b, status="confirmed")
    deployment = need(admin_a, org_a)
    services.deployment_propose(actor=admin_b, deployment=deployment, employer=org_b, person=person)
    services.deployment_consent(actor=person, deployment=deployment)
    services.deployment_accept(actor=admin_a, deployment=deployment)
    deployment.refresh_from_db()
    return deployment


def _vouch_all(deployment, employer_admin, host_admin, until=None):
    for kind in deployment.checklist:
        actor = host_admin if kind == EvidenceKind.INDUCTION else employer_admin
        services.evidence_attest(actor=actor, deployment=deployment, kind=kind, valid_until=until)


def test_a_partner_that_has_not_signed_cannot_raise_a_need(admin_a, org_a):
    signed_framework()
    with pytest.raises(ServiceError, match="not a current signatory"):
        need(admin_a, org_a)
    assert not Deployment.objects.exists()


def test_a_withdrawn_signature_stops_an_employer_lending(org_a, admin_a, admin_b, org_b):
    framework = signed_framework(org_a, org_b)
    framework.signatories.filter(organisation=org_b).update(withdrawn_on=timezone.localdate())
    deployment = need(admin_a, org_a)
    person = UserFactory()
    AffiliationFactory(user=person, organisation=org_b, status="confirmed")
    with pytest.raises(ServiceError, match=org_b.name):
        services.deployment_propose(
            actor=admin_b, deployment=deployment, employer=org_b, person=person
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"not_industrial_action": False}, "not_industrial_action"),
        ({"ends_on": timezone.localdate()}, "ends_on"),
        ({"starts_on": timezone.localdate() - dt.timedelta(days=1)}, "starts_on"),
    ],
)
def test_bad_needs_are_refused_naming_the_field(admin_a, org_a, overrides, field):
    signed_framework(org_a)
    with pytest.raises(ServiceError) as refused:
        need(admin_a, org_a, **overrides)
    assert refused.value.field == field
    assert not Deployment.objects.exists()


def test_overlapping_deployments_for_one_person_are_refused(lent, admin_a, admin_b, org_a, org_b):
    second = need(admin_a, org_a, starts_on=lent.starts_on + dt.timedelta(days=3))
    with pytest.raises(ServiceError, match="overlaps"):
        services.deployment_propose(
            actor=admin_b, deployment=second, employer=org_b, person=lent.person
        )


def test_it_is_agreed_when_employer_person_and_host_all_agree_and_ready_when_checks_are_in(
    lent, admin_a, admin_b
):
    assert lent.state == "agreed"
    _vouch_all(lent, admin_b, admin_a, until=lent.ends_on + dt.timedelta(days=90))
    lent.refresh_from_db()
    assert lent.state == "ready"


def test_only_the_employer_vouches_for_its_checks_and_the_host_for_induction(
    lent, admin_a, admin_b
):
    with pytest.raises(ServiceError, match="Only"):
        services.evidence_attest(actor=admin_a, deployment=lent, kind=EvidenceKind.DBS)
    with pytest.raises(ServiceError, match="Only"):
        services.evidence_attest(actor=admin_b, deployment=lent, kind=EvidenceKind.INDUCTION)


def test_a_missing_or_expired_check_blocks_the_start_until_renewed(lent, admin_a, admin_b):
    _vouch_all(lent, admin_b, admin_a)
    registration = lent.evidence.get(kind=EvidenceKind.REGISTRATION)
    registration.valid_until = lent.starts_on - dt.timedelta(days=1)
    registration.save()
    with pytest.raises(ServiceError, match="Professional registration: runs out"):
        services.deployment_activate(actor=admin_a, deployment=lent)
    lent.refresh_from_db()
    assert lent.state != "active"
    services.evidence_attest(
        actor=admin_b,
        deployment=lent,
        kind=EvidenceKind.REGISTRATION,
        valid_until=lent.ends_on + dt.timedelta(days=365),
    )
    services.deployment_activate(actor=admin_a, deployment=lent)
    lent.refresh_from_db()
    assert lent.state == "active"


def test_a_host_admin_may_bypass_with_a_reason_which_is_audited(lent, admin_a):
    services.deployment_activate(actor=admin_a, deployment=lent, bypass_reason="Major incident")
    lent.refresh_from_db()
    assert lent.state == "active"
    assert lent.bypass_reason == "Major incident"
    event = AuditEvent.objects.get(action="deployments.activated")
    assert event.changes["bypass_reason"] == "Major incident"
    assert "DBS check: not vouched for yet" in event.changes["bypassed"]


def test_checks_needed_follow_the_kind_of_work():
    assert EvidenceKind.REGISTRATION in CHECKLIST["registered"]
    assert EvidenceKind.REGISTRATION not in CHECKLIST["care"]
    assert EvidenceKind.OCCUPATIONAL_HEALTH not in CHECKLIST["non_clinical"]


def test_checks_running_out_mid_deployment_alert_both_partners_once(lent, admin_a, admin_b):
    _vouch_all(lent, admin_b, admin_a, until=lent.ends_on + dt.timedelta(days=90))
    services.evidence_attest(
        actor=admin_b,
        deployment=lent,
        kind=EvidenceKind.DBS,
        valid_until=lent.starts_on + dt.timedelta(days=5),
    )
    mail.outbox.clear()
    assert jobs.expiring_checks(timezone.now()) == 1
    assert jobs.expiring_checks(timezone.now()) == 0
    assert set(mail.outbox[0].to) == {admin_a.email, admin_b.email}


def test_the_report_counts_days_and_time_to_place(lent, admin_a):
    services.deployment_activate(actor=admin_a, deployment=lent, bypass_reason="Urgent")
    report = portability_selectors.portability(None)
    assert report.active == 1
    assert report.days_by_host == [(lent.host.name, 28)]
    assert report.days_by_staff_group == [("Nursing and midwifery", 28)]
    assert report.median_days_to_place is not None
    other = OrganisationFactory()
    assert portability_selectors.portability([other.pk]).active == 0


def test_an_active_deployment_ends_and_a_request_can_be_declined(lent, admin_a, org_a):
    services.deployment_activate(actor=admin_a, deployment=lent, bypass_reason="Urgent")
    with pytest.raises(ServiceError, match="cannot be declined"):
        services.deployment_close(actor=admin_a, deployment=lent, outcome="declined")
    services.deployment_close(actor=admin_a, deployment=lent, outcome="ended", note="Covered")
    assert Deployment.objects.get(pk=lent.pk).state == "ended"


def test_training_is_read_from_the_learning_record_honouring_accepted_partners(
    org_a, org_b, admin_a, admin_b
):
    from oneworkforce.learning.models import Requirement
    from oneworkforce.learning.records import services as learning
    from oneworkforce.learning.tests.factories import (
        CompletionFactory,
        JobRoleFactory,
        OpportunityFactory,
    )

    signed_framework(org_a, org_b)
    fire = Requirement.objects.get(code="cstf-fire-safety-1")
    role = JobRoleFactory(organisation=org_a, name="Care worker")
    role.requirements.add(fire)
    person = UserFactory()
    AffiliationFactory(user=person, organisation=org_b, status="confirmed")
    deployment = need(admin_a, org_a, work_type="care", training_job_role=role)
    services.deployment_propose(actor=admin_b, deployment=deployment, employer=org_b, person=person)
    CompletionFactory(
        learner=person, opportunity=OpportunityFactory(organisation=org_b), requirements=[fire]
    )

    def training():
        return next(c for c in services.checklist(deployment) if c.kind == EvidenceKind.TRAINING)

    assert "not done" in training().problem  # the host does not accept B's training yet
    learning.accepted_issuers_set(actor=admin_a, organisation=org_a, issuers=[org_b])
    assert training().problem == ""
    assert "from the learning record" in training().label


def test_the_training_job_role_must_be_the_hosts(org_a, org_b, admin_a):
    from oneworkforce.learning.tests.factories import JobRoleFactory

    signed_framework(org_a)
    with pytest.raises(ServiceError, match="host's own job roles"):
        need(admin_a, org_a, training_job_role=JobRoleFactory(organisation=org_b))


def test_an_employer_offers_a_person_and_the_host_accepts(client, org_a, org_b, admin_a, admin_b):
    signed_framework(org_a, org_b)
    person = UserFactory(email="lent@example.org")
    AffiliationFactory(user=person, organisation=org_b, status="confirmed")
    start = timezone.localdate() + dt.timedelta(days=10)
    client.force_login(admin_b)
    response = client.post(
        "/deployments/portability/offer",
        {
            "employer": org_b.pk,
            "email": "lent@example.org",
            "host": org_a.pk,
            "job_title": "Care and support worker",
            "work_type": "care",
            "staff_group": "care_support",
            "starts_on_day": start.day,
            "starts_on_month": start.month,
            "starts_on_year": start.year,
            "ends_on_day": start.day,
            "ends_on_month": start.month,
            "ends_on_year": start.year + 1,
            "hours_per_week": "20",
            "reason": "Spare capacity while our service is paused.",
            "terms": "none",
            "not_industrial_action": "on",
        },
    )
    offered = Deployment.objects.get()
    assert response.status_code == 302
    assert (offered.host, offered.employer, offered.person) == (org_a, org_b, person)
    assert offered.state == "requested"
    services.deployment_consent(actor=person, deployment=offered)
    services.deployment_accept(actor=admin_a, deployment=offered)
    offered.refresh_from_db()
    assert offered.state == "agreed"


def test_an_offer_to_a_partner_that_has_not_signed_is_refused_and_nothing_written(
    org_a, org_b, admin_b
):
    signed_framework(org_b)
    person = UserFactory()
    AffiliationFactory(user=person, organisation=org_b, status="confirmed")
    start = timezone.localdate() + dt.timedelta(days=10)
    with pytest.raises(ServiceError, match="not a current signatory"):
        services.deployment_offer(
            actor=admin_b,
            employer=org_b,
            host=org_a,
            person=person,
            job_title="Cook",
            work_type="non_clinical",
            staff_group="other",
            skills="",
            starts_on=start,
            ends_on=start,
            hours_per_week=10,
            supervisor="",
            reason="Help",
            terms="none",
            recharge_note="",
            not_industrial_action=True,
        )
    assert not Deployment.objects.exists()
