"""Allocation from the database: a run through the rotation engine, placements with "why
here", a coordinator's change re-checked, confirmation by both sides."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from oneworkforce.core.services import ServiceError

from ..allocation import selectors
from ..allocation import services as allocation
from ..demand import services as demand
from ..models import Placement, PlacementStatus
from . import factories

pytestmark = pytest.mark.django_db


def test_a_run_places_every_student_within_places_and_explains_each():
    w = factories.world(students=5)
    run = allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    placements = list(Placement.objects.filter(block=w.block))
    assert run.status == "OPTIMAL"
    assert len(placements) == 5
    assert sum(p.environment == w.home for p in placements) == 2
    assert all(p.why_here for p in placements)
    assert run.figures["worst"] >= run.figures["worst_bound"]


def test_more_students_than_places_are_unmet_demand_with_the_reason():
    w = factories.world(students=8)
    run = allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    assert Placement.objects.filter(block=w.block).count() == 6
    assert len(run.figures["unmet"]) == 2


def test_only_a_coordinator_runs_the_allocation():
    w = factories.world()
    with pytest.raises(ServiceError):
        allocation.block_allocate(actor=w.uni_admin, block=w.block)


def test_a_change_that_overfills_the_care_home_is_refused_and_nothing_changes():
    w = factories.world(students=5)
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    at_ward = Placement.objects.filter(environment=w.ward).first()
    with pytest.raises(ServiceError) as refused:
        allocation.placement_change(
            actor=w.coordinator, placement=at_ward, offer=w.home_offer, reason="Nearer home"
        )
    assert "Oak House nursing floor" in refused.value.message
    assert "2 place(s)" in refused.value.message
    at_ward.refresh_from_db()
    assert at_ward.environment == w.ward


def test_a_change_within_the_rules_is_made_and_everyone_affected_is_told():
    w = factories.world(students=3)
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    at_home = Placement.objects.filter(environment=w.home).first()
    changed = allocation.placement_change(
        actor=w.coordinator, placement=at_home, offer=w.ward_offer, reason="Student asked"
    )
    assert changed.environment == w.ward
    assert "Student asked" in changed.why_here
    assert mail.outbox[-1].subject == "Placement changed: Autumn 2027"
    assert at_home.student.email in mail.outbox[-1].to


def test_both_sides_confirm_and_a_rerun_keeps_confirmed_placements():
    w = factories.world(students=3)
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    placement = Placement.objects.filter(environment=w.home).first()
    allocation.placement_confirm(actor=w.uni_admin, placement=placement)
    assert placement.status == PlacementStatus.PROPOSED
    assert placement in selectors.to_confirm(w.home_admin)
    allocation.placement_confirm(actor=w.home_admin, placement=placement)
    assert placement.status == PlacementStatus.CONFIRMED
    with pytest.raises(ServiceError):
        allocation.placement_confirm(actor=w.home_admin, placement=placement)
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5, seed=9)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONFIRMED
    assert Placement.objects.filter(block=w.block).count() == 3


def test_the_last_block_of_a_programme_needing_social_care_places_its_students_there():
    w = factories.world(students=2)
    w.programme.requirement = "social_care"
    w.programme.save()
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    assert {p.environment for p in Placement.objects.filter(block=w.block)} == {w.home}


def test_a_cancellation_needs_a_reason_and_tells_everyone_affected():
    w = factories.world(students=1)
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    placement = Placement.objects.get(block=w.block)
    with pytest.raises(ServiceError) as refused:
        allocation.placement_cancel(actor=w.coordinator, placement=placement, reason=" ")
    assert refused.value.field == "reason"
    with pytest.raises(ServiceError):
        allocation.placement_cancel(actor=w.uni_admin, placement=placement, reason="Ill")
    allocation.placement_cancel(actor=w.coordinator, placement=placement, reason="Student ill")
    assert placement.status == PlacementStatus.CANCELLED
    assert mail.outbox[-1].subject == "Placement cancelled: Autumn 2027"
    assert placement.student.email in mail.outbox[-1].to
    assert not selectors.placements_in(w.block).exists()


def _spring(w, *, students: int):  # type: ignore[no-untyped-def]
    """A later block, Spring 2028, in which the world's programme asks for places."""
    later = demand.block_add(
        actor=w.coordinator,
        name="Spring 2028",
        starts_on=dt.date(2028, 1, 10),
        ends_on=dt.date(2028, 3, 24),
    )
    demand.request_submit(
        actor=w.uni_admin,
        programme=w.programme,
        block=later,
        students=students,
        starts_on=dt.date(2028, 1, 17),
        ends_on=dt.date(2028, 3, 17),
        required_hours=300,
    )
    return later


def test_a_student_is_not_placed_at_the_same_environment_in_a_later_block():
    w = factories.world(students=2)
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    first = {p.student_id: p.environment_id for p in Placement.objects.filter(block=w.block)}
    later = _spring(w, students=2)
    for place, admin in ((w.home, w.home_admin), (w.ward, w.trust_admin)):
        allocation.offer_make(
            actor=admin, environment=place, block=later, profession="nursing", places=2
        )
    allocation.block_allocate(actor=w.coordinator, block=later, time_limit=5)
    second = {p.student_id: p.environment_id for p in Placement.objects.filter(block=later)}
    assert set(second) == set(first)
    assert all(second[s] != first[s] for s in first)


def _year_of_two_blocks(students: int):  # type: ignore[no-untyped-def]
    """The world's programme needs a social care placement during the year; the care home
    (farther than the ward) offers its 2 places only in the first of two blocks."""
    w = factories.world(students=students)
    w.programme.requirement = "social_care"
    w.programme.save()
    w.home.latitude, w.home.longitude = 53.86, -1.55
    w.home.save()
    w.spring = _spring(w, students=students)
    allocation.offer_make(
        actor=w.trust_admin, environment=w.ward, block=w.spring, profession="nursing", places=4
    )
    return w


def test_the_years_plan_steers_students_to_the_setting_their_programme_needs_in_time():
    w = _year_of_two_blocks(students=2)
    run = allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    placed = list(Placement.objects.filter(block=w.block))
    assert {p.environment for p in placed} == {w.home}
    assert "the year's plan gives it to you in this block" in placed[0].why_here
    assert run.figures["requirements_unmet"] == {}


def test_a_student_whose_programme_mix_cannot_be_met_this_year_is_reported(client):
    w = _year_of_two_blocks(students=3)
    run = allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    assert list(run.figures["requirements_unmet"].values()) == ["setting_full"]
    client.force_login(w.coordinator)
    page = client.get(f"/placements/blocks/{w.block.pk}/").content.decode()
    assert "setting requirement cannot be met this year" in page
    assert "were all needed by other students" in page
