"""Compliance per person per role, accepted-from rules, stricter validity, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.core.services import ServiceError
from oneworkforce.learning import jobs
from oneworkforce.learning.models import Requirement
from oneworkforce.learning.records import services as record_services
from oneworkforce.learning.records.compliance import (
    Evidence,
    add_months,
    evaluate,
    job_role_compliance,
)
from oneworkforce.partners.tests.factories import OrganisationFactory

from .factories import CompletionFactory, JobRoleFactory, OpportunityFactory

TODAY = dt.date(2026, 11, 23)


def _evidence(requirement: int, issuer: int, completed: dt.date) -> Evidence:
    return Evidence(requirement, issuer, f"Partner {issuer}", completed, 1)


def test_add_months_keeps_the_day_or_takes_the_months_last_day():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2026, 11, 23), 14) == dt.date(2028, 1, 23)


@given(
    day=st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)),
    a=st.integers(0, 120),
    b=st.integers(0, 120),
)
def test_add_months_is_monotonic_and_composes_forward(day, a, b):
    assert add_months(day, a) >= day
    if a <= b:
        assert add_months(day, a) <= add_months(day, b)


def test_a_completion_counts_only_at_its_issuer_and_partners_that_accept_it():
    evidence = [_evidence(1, issuer=7, completed=TODAY - dt.timedelta(days=10))]
    own = evaluate(
        requirement_ids=[1],
        evidence=evidence,
        validity_months={1: 12},
        accepted_issuers={7},
        today=TODAY,
    )
    other = evaluate(
        requirement_ids=[1],
        evidence=evidence,
        validity_months={1: 12},
        accepted_issuers={8},
        today=TODAY,
    )
    accepting = evaluate(
        requirement_ids=[1],
        evidence=evidence,
        validity_months={1: 12},
        accepted_issuers={8, 7},
        today=TODAY,
    )
    assert own[0].state == "met"
    assert other[0].state == "missing"
    assert accepting[0].state == "met"


def test_states_follow_the_expiry_date():
    def state(days_ago: int, months: int) -> str:
        evidence = [_evidence(1, 7, TODAY - dt.timedelta(days=days_ago))]
        return evaluate(
            requirement_ids=[1],
            evidence=evidence,
            validity_months={1: months},
            accepted_issuers={7},
            today=TODAY,
        )[0].state

    assert state(10, 12) == "met"
    assert state(330, 12) == "expiring"  # about 35 days left
    assert state(400, 12) == "expired"
    assert state(4000, 0) == "met"  # never expires


def test_the_longest_lasting_counted_completion_is_used():
    evidence = [
        _evidence(1, 7, TODAY - dt.timedelta(days=300)),
        _evidence(1, 7, TODAY - dt.timedelta(days=20)),
        _evidence(1, 9, TODAY - dt.timedelta(days=1)),  # not accepted
    ]
    [standing] = evaluate(
        requirement_ids=[1],
        evidence=evidence,
        validity_months={1: 12},
        accepted_issuers={7},
        today=TODAY,
    )
    assert standing.evidence.completed_on == TODAY - dt.timedelta(days=20)


@given(
    items=st.lists(
        st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(0, 2000)), max_size=12
    ),
    accepted=st.sets(st.integers(1, 3)),
    months=st.integers(0, 36),
)
def test_accepting_more_partners_never_makes_anyone_less_compliant(items, accepted, months):
    evidence = [_evidence(r, i, TODAY - dt.timedelta(days=d)) for r, i, d in items]
    validity = {1: months, 2: months, 3: months}
    narrow = evaluate(
        requirement_ids=[1, 2, 3],
        evidence=evidence,
        validity_months=validity,
        accepted_issuers=accepted,
        today=TODAY,
    )
    wide = evaluate(
        requirement_ids=[1, 2, 3],
        evidence=evidence,
        validity_months=validity,
        accepted_issuers=accepted | {1, 2, 3},
        today=TODAY,
    )
    for a, b in zip(narrow, wide, strict=True):
        assert not (a.is_compliant and not b.is_compliant)


@pytest.mark.django_db
def test_a_partners_completion_counts_for_another_partner_that_accepts_it(learner, admin_b):
    trust, care_home = OrganisationFactory(name="Trust"), OrganisationFactory(name="Care home")
    fire = (
        Requirement.objects.get(code="cstf-fire-safety-1")
        if Requirement.objects.filter(code="cstf-fire-safety-1").exists()
        else Requirement.objects.filter(subject__icontains="fire").first()
    )
    CompletionFactory(
        learner=learner, opportunity=OpportunityFactory(organisation=trust), requirements=[fire]
    )
    role = JobRoleFactory(organisation=care_home)
    role.requirements.add(fire)
    today = timezone.localdate()
    assert not job_role_compliance(learner, role, today=today).compliant
    record_services.accepted_issuers_set(actor=admin_b, organisation=care_home, issuers=[trust])
    result = job_role_compliance(learner, role, today=today)
    assert result.compliant
    assert result.standings[0].evidence.issuer_name == "Trust"


@pytest.mark.django_db
def test_a_partner_may_only_shorten_a_validity_period(admin_a, org_a):
    requirement = Requirement.objects.exclude(validity_months=0).first()
    with pytest.raises(ServiceError, match="only be stricter"):
        record_services.requirement_policy_set(
            actor=admin_a,
            organisation=org_a,
            requirement=requirement,
            validity_months=requirement.validity_months + 1,
        )
    record_services.requirement_policy_set(
        actor=admin_a, organisation=org_a, requirement=requirement, validity_months=1
    )
    assert org_a.requirement_policies.get().validity_months == 1


@pytest.mark.django_db
def test_expiry_reminders_go_at_60_and_30_days_once_each_with_a_link_to_matching_learning(
    learner, org_a
):
    requirement = Requirement.objects.filter(validity_months=12).first()
    completed = timezone.localdate() - dt.timedelta(days=365 - 50)  # expires in about 50 days
    CompletionFactory(
        learner=learner,
        opportunity=OpportunityFactory(organisation=org_a),
        completed_on=completed,
        requirements=[requirement],
    )
    role = JobRoleFactory(organisation=org_a)
    role.requirements.add(requirement)
    role.members.add(learner)
    assert jobs.expiry_reminders(timezone.now()) == 1
    assert jobs.expiry_reminders(timezone.now()) == 0
    assert f"?requirement={requirement.code}" in mail.outbox[-1].body
    later = timezone.now() + dt.timedelta(days=25)
    assert jobs.expiry_reminders(later) == 1  # the 30-day reminder
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_requirement_catalogue_is_seeded_after_migrating():
    frameworks = set(Requirement.objects.values_list("framework", flat=True))
    assert {"cstf", "care_certificate", "oliver_mcgowan"} <= frameworks
    assert Requirement.objects.filter(framework="care_certificate").count() == 16
