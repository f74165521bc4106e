"""The demo learner's CPD log is loaded even when a portal completion (such as the programmes
demo's) has already put an entry in it, and loading again adds nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from oneworkforce.learning.cpd import demo as cpd_demo
from oneworkforce.learning.cpd import selectors as cpd_selectors
from oneworkforce.learning.models import CompletionSource, CompletionState, CpdEntry, Reflection
from oneworkforce.learning.records.services import completion_create
from oneworkforce.learning.tests.factories import OpportunityFactory
from oneworkforce.partners.tests.factories import UserFactory


@pytest.mark.django_db
def test_the_demo_log_is_written_beside_an_entry_from_a_portal_completion_and_only_once():
    learner = UserFactory(email="learner@demo.example.org")
    completion_create(
        learner=learner,
        opportunity=OpportunityFactory(),
        completed_on=timezone.localdate(),
        source=CompletionSource.SELF_DECLARED,
        state=CompletionState.VERIFIED,
    )
    assert CpdEntry.objects.filter(person=learner).count() == 1

    said = cpd_demo.load(email=learner.email, now=timezone.now())
    written = CpdEntry.objects.filter(person=learner, completion=None).count()
    assert written == len(cpd_demo.ELSEWHERE)
    assert Reflection.objects.filter(person=learner).count() == 1
    assert "reflective account" in said

    assert cpd_demo.load(email=learner.email, now=timezone.now()) == "cpd: nothing added"
    assert CpdEntry.objects.filter(person=learner, completion=None).count() == written


@pytest.mark.django_db
@pytest.mark.parametrize("today", [dt.date(2025, 12, 1), dt.date(2026, 11, 30), None])
def test_the_demo_social_worker_meets_social_work_englands_year_whatever_the_day(today):
    # The first and last day of a registration year, and today (entries cannot be in the future).
    today = today or timezone.localdate()
    person = UserFactory(email="partner-representative@demo.example.org")
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    said = cpd_demo.load_social_worker(email=person.email, now=now)
    assert "Social Work England" in said
    plan, summary = cpd_selectors.summary(person, today)
    assert plan.preset == "swe" and plan.renewal_on.month == 11 and plan.renewal_on.day == 30
    have = {m.key: m.have for m in summary.measures}
    # Two pieces written up, one with a peer; the reading not yet written up does not count.
    assert (have["pieces"], have["peer"], summary.entries) == (2, 1, 3)
    assert cpd_demo.load_social_worker(email=person.email, now=now).endswith("nothing added")
