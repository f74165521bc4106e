"""Supervisors' preparation taken from the learning record: its date and validity set the
refresher, only learning that counts at the environment's partner can be used, a revoked record
stops counting, and preparation recorded by hand keeps working."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.models import CompletionState, Requirement, RequirementPolicy
from oneworkforce.learning.tests.factories import CompletionFactory, OpportunityFactory
from oneworkforce.partners.choices import AffiliationStatus, Relationship
from oneworkforce.partners.models import Affiliation
from oneworkforce.partners.tests.factories import OrganisationFactory, UserFactory

from ..allocation import selectors as allocation_selectors
from ..environments import presenters, selectors
from ..environments import services as environments
from . import factories

pytestmark = pytest.mark.django_db


def _preparation_requirement(months: int = 24) -> Requirement:
    return Requirement.objects.create(
        code="practice-supervisor-preparation",
        framework="local",
        subject="Practice supervisor and assessor preparation",
        validity_months=months,
    )


def _world_with_a_prepared_supervisor(*, months: int = 24):  # type: ignore[no-untyped-def]
    w = factories.world()
    w.person = UserFactory(email="asha@example.org", full_name="Asha Patel")
    w.supervisor = factories.supervisor(w.home_admin, w.home, email="asha@example.org")
    w.requirement = _preparation_requirement(months) if months else None
    w.course = OpportunityFactory(
        organisation=w.care_home, title="Practice supervisor and assessor preparation"
    )
    w.record = CompletionFactory(
        learner=w.person,
        opportunity=w.course,
        completed_on=dt.date(2027, 3, 1),
        requirements=[w.requirement] if w.requirement else [],
    )
    return w


def test_preparation_from_the_learning_record_sets_the_date_and_the_refresher_from_its_validity():
    w = _world_with_a_prepared_supervisor(months=24)
    assert [r.pk for r in selectors.preparation_records(w.supervisor)] == [w.record.pk]

    environments.supervisor_preparation_link(
        actor=w.home_admin, supervisor=w.supervisor, learning_record=w.record.pk
    )

    w.supervisor.refresh_from_db()
    assert w.supervisor.learning_record == w.record
    assert w.supervisor.prepared_on == dt.date(2027, 3, 1)
    assert w.supervisor.refresh_due == dt.date(2029, 3, 1)
    assert w.supervisor.preparation == "Practice supervisor and assessor preparation"
    event = AuditEvent.objects.get(action="placements.supervisor_preparation_linked")
    assert event.changes["refresh_due"] == {"from": "2029-01-10", "to": "2029-03-01"}


def test_the_environments_partner_shorter_validity_sets_the_refresher():
    w = _world_with_a_prepared_supervisor(months=24)
    RequirementPolicy.objects.create(
        organisation=w.care_home, requirement=w.requirement, validity_months=12
    )
    environments.supervisor_preparation_link(
        actor=w.home_admin, supervisor=w.supervisor, learning_record=w.record.pk
    )
    w.supervisor.refresh_from_db()
    assert w.supervisor.refresh_due == dt.date(2028, 3, 1)


def test_a_record_that_does_not_expire_is_refreshed_after_three_years():
    w = _world_with_a_prepared_supervisor(months=0)
    environments.supervisor_preparation_link(
        actor=w.home_admin, supervisor=w.supervisor, learning_record=w.record.pk
    )
    w.supervisor.refresh_from_db()
    assert w.supervisor.refresh_due == dt.date(2030, 3, 1)


def test_learning_from_a_partner_that_does_not_count_there_cannot_be_used_and_nothing_is_written():
    w = _world_with_a_prepared_supervisor()
    elsewhere = CompletionFactory(
        learner=w.person, opportunity=OpportunityFactory(organisation=OrganisationFactory())
    )
    someone_else = CompletionFactory(opportunity=w.course)
    assert selectors.preparation_records(w.supervisor) == [w.record]
    for record in (elsewhere, someone_else):
        with pytest.raises(ServiceError) as refused:
            environments.supervisor_preparation_link(
                actor=w.home_admin, supervisor=w.supervisor, learning_record=record.pk
            )
        assert refused.value.field == "learning_record"
    w.supervisor.refresh_from_db()
    assert w.supervisor.learning_record is None
    assert w.supervisor.refresh_due == dt.date(2029, 1, 10)
    assert not AuditEvent.objects.filter(action="placements.supervisor_preparation_linked")


def test_another_partners_admin_cannot_use_the_record():
    w = _world_with_a_prepared_supervisor()
    with pytest.raises(ServiceError):
        environments.supervisor_preparation_link(
            actor=w.trust_admin, supervisor=w.supervisor, learning_record=w.record.pk
        )
    w.supervisor.refresh_from_db()
    assert w.supervisor.learning_record is None


def test_accepted_partners_learning_counts_only_for_people_who_work_there():
    w = _world_with_a_prepared_supervisor()
    w.care_home.accepted_issuers.create(issuer=w.university)
    from_university = CompletionFactory(
        learner=w.person, opportunity=OpportunityFactory(organisation=w.university)
    )
    assert from_university not in selectors.preparation_records(w.supervisor)
    Affiliation.objects.create(
        user=w.person,
        organisation=w.care_home,
        relationship=Relationship.EMPLOYEE,
        status=AffiliationStatus.CONFIRMED,
    )
    assert from_university in selectors.preparation_records(w.supervisor)


def test_a_revoked_record_stops_counting_for_supervision_and_shows_as_withdrawn():
    w = _world_with_a_prepared_supervisor()
    environments.supervisor_preparation_link(
        actor=w.home_admin, supervisor=w.supervisor, learning_record=w.record.pk
    )
    before = allocation_selectors.supervision(w.home, w.block)
    w.record.state = CompletionState.REVOKED
    w.record.save()
    assert allocation_selectors.supervision(w.home, w.block) == before - 2
    page = selectors.environment_page(w.home)
    view = presenters.environment_view(page, timezone.localdate(), scores=[], can_manage=True)
    row = next(s for s in view["supervisors"] if s["pk"] == w.supervisor.pk)
    assert row["status"]["text"] == "Learning record withdrawn"
    assert row["evidence"].startswith("From the learning record: Oak House Care, certificate")


def test_preparation_recorded_by_hand_keeps_working():
    w = factories.world()
    page = selectors.environment_page(w.ward)
    view = presenters.environment_view(page, dt.date(2027, 6, 1), scores=[], can_manage=True)
    assert view["supervision"] == 6
    assert {s["evidence"] for s in view["supervisors"]} == {"Recorded by hand"}
    assert allocation_selectors.supervision(w.ward, w.block) == 6
