"""Placements' part of the signed-in home: what waits on admins, supervisors and
coordinators, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..allocation import services as allocation
from ..home import tasks
from ..models import HoursEntry, Placement
from . import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 6, 1)


def _counts(user) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {t.title: t.count for t in tasks(user, TODAY)}


def test_admins_see_placements_to_confirm_and_the_coordinator_a_block_to_allocate():
    w = factories.world(students=3)
    assert _counts(w.coordinator)["Blocks starting within 60 days that are not allocated yet"] == 0
    w.block.starts_on = TODAY + dt.timedelta(days=30)
    w.block.save()
    assert _counts(w.coordinator)["Blocks starting within 60 days that are not allocated yet"] == 1
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    assert _counts(w.coordinator)["Blocks starting within 60 days that are not allocated yet"] == 0
    assert _counts(w.uni_admin)["Placements to confirm"] == 3
    at_home = Placement.objects.filter(environment=w.home).count()
    assert _counts(w.home_admin)["Placements to confirm"] == at_home
    allocation.placement_confirm(actor=w.uni_admin, placement=Placement.objects.first())
    assert _counts(w.uni_admin)["Placements to confirm"] == 2
    audits = "Learning environments with no educational audit, or one lapsed or due"
    assert _counts(w.home_admin)[audits] == 1  # no audit yet


def test_the_hours_to_confirm_are_counted_in_a_fixed_number_of_queries():
    w = factories.world(students=3)
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    placement = Placement.objects.filter(environment=w.ward).first()

    def grow(n: int, start: int) -> None:
        for day in range(start, start + n):
            HoursEntry.objects.create(
                placement=placement,
                worked_on=dt.date(2027, 9, 13) + dt.timedelta(days=day),
                hours=7,
            )

    grow(1, 0)
    with CaptureQueriesContext(connection) as small:
        assert _counts(w.trust_admin)["Students' practice hours to confirm"] == 1
    grow(25, 1)
    with CaptureQueriesContext(connection) as large:
        assert _counts(w.trust_admin)["Students' practice hours to confirm"] == 26
    assert len(small.captured_queries) == len(large.captured_queries) <= 5
