"""During a placement: hours recorded by the student and confirmed by a supervisor, concerns
routed to the named contacts, evaluations only from students placed there and low averages
opening an action on the audit; no student on two placements at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from oneworkforce.core.services import ServiceError
from oneworkforce.partners.tests import factories as partner_factories

from ..allocation import services as allocation
from ..demand import services as demand
from ..during import services as during
from ..environments import services as environments
from ..models import AuditAction, Evaluation, Placement, PlacementRequest, Student
from . import factories

pytestmark = pytest.mark.django_db


def _placed(students: int = 1):  # type: ignore[no-untyped-def]
    w = factories.world(students=students)
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    users = []
    for n, student in enumerate(
        Student.objects.filter(programme=w.programme).order_by("reference")
    ):
        user = partner_factories.UserFactory(email=f"placed{n}@example.org")
        student.user = user
        student.save()
        users.append(user)
    w.users = users
    w.placements = [Student.objects.get(user=u).placements.get() for u in users]
    return w


def test_hours_outside_the_placement_are_refused_and_a_supervisor_confirms_the_rest():
    w = _placed()
    placement = w.placements[0]
    with pytest.raises(ServiceError) as refused:
        during.hours_record(
            actor=w.users[0], placement=placement, worked_on=dt.date(2027, 12, 1), hours=Decimal(7)
        )
    assert refused.value.field == "worked_on"
    # The placement's dates are in 2027; move "today" past them by recording a past day only.
    placement.request.starts_on = dt.date(2026, 1, 5)
    placement.request.save()
    entry = during.hours_record(
        actor=w.users[0], placement=placement, worked_on=dt.date(2026, 1, 6), hours=Decimal("7.5")
    )
    with pytest.raises(ServiceError):
        during.hours_confirm(actor=w.uni_admin, entry=entry)
    admin = w.home_admin if placement.environment == w.home else w.trust_admin
    during.hours_confirm(actor=admin, entry=entry)
    assert entry.confirmed_at is not None


def test_a_concern_goes_to_the_partner_and_the_provider_without_its_text():
    w = _placed()
    placement = w.placements[0]
    concern = during.concern_raise(
        actor=w.users[0], placement=placement, text="I was asked to work alone on nights."
    )
    assert w.university.contact_email in concern.routed_to
    assert "nights" not in mail.outbox[-1].body
    with pytest.raises(ServiceError):
        during.concern_raise(
            actor=w.uni_admin, placement=placement, text="Someone else's concern here"
        )


def test_an_evaluation_from_someone_not_placed_there_is_refused():
    w = _placed()
    stranger = partner_factories.UserFactory()
    with pytest.raises(ServiceError):
        during.evaluation_submit(
            actor=stranger,
            placement=w.placements[0],
            welcome=5,
            supervision=5,
            learning=5,
            recommend=5,
        )
    assert not Evaluation.objects.exists()


def test_low_averages_of_five_answers_open_an_action_on_the_audit():
    w = factories.world(students=5)
    allocation.offer_make(
        actor=w.home_admin, environment=w.home, block=w.block, profession="nursing", places=0
    )
    allocation.offer_make(
        actor=w.trust_admin, environment=w.ward, block=w.block, profession="nursing", places=5
    )
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    environments.audit_record(
        actor=w.trust_admin,
        environment=w.ward,
        audited_on=dt.date(2027, 1, 1),
        outcome="approved",
        review_due=dt.date(2028, 1, 1),
    )
    placements = list(Placement.objects.filter(environment=w.ward).select_related("student"))
    assert len(placements) == 5
    for n, placement in enumerate(placements):
        placement.student.user = partner_factories.UserFactory(email=f"eval{n}@example.org")
        placement.student.save()
        during.evaluation_submit(
            actor=placement.student.user,
            placement=placement,
            welcome=2,
            supervision=4,
            learning=4,
            recommend=2,
        )
        opened = AuditAction.objects.filter(from_evaluations=True).count()
        assert opened == (2 if n == 4 else 0)
    assert all("below 3" in a.text for a in AuditAction.objects.filter(from_evaluations=True))
    with pytest.raises(ServiceError):
        during.evaluation_submit(
            actor=placements[0].student.user,
            placement=placements[0],
            welcome=5,
            supervision=5,
            learning=5,
            recommend=5,
        )


def test_a_student_already_placed_at_the_same_time_is_not_placed_twice():
    w = _placed()
    overlapping = demand.block_add(
        actor=w.coordinator,
        name="Late autumn",
        starts_on=dt.date(2027, 11, 1),
        ends_on=dt.date(2027, 12, 17),
    )
    PlacementRequest.objects.create(
        programme=w.programme,
        block=overlapping,
        students=1,
        starts_on=dt.date(2027, 11, 1),
        ends_on=dt.date(2027, 12, 17),
        required_hours=100,
    )
    allocation.offer_make(
        actor=w.trust_admin, environment=w.ward, block=overlapping, profession="nursing", places=2
    )
    with pytest.raises(ServiceError) as refused:
        allocation.block_allocate(actor=w.coordinator, block=overlapping, time_limit=5)
    assert "No students are waiting" in refused.value.message
    assert Placement.objects.filter(block=overlapping).count() == 0
