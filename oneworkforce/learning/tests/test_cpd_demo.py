"""The demo learner's CPD log is loaded even when a portal completion (such as the programmes
demo's) has already put an entry in it, and loading again adds nothing."""

import pytest
from django.utils import timezone

from oneworkforce.learning.cpd import demo as cpd_demo
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
