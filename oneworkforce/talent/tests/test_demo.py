"""The demo talent hub gives the dashboard real movement: every state, starts with 6- and
12-month checkpoints, overdue work, support and qualifications — and loading it twice adds
nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import OrganisationFactory
from oneworkforce.talent import demo
from oneworkforce.talent.models import (
    Application,
    ApplicationState,
    Barrier,
    Candidate,
    Checkpoint,
    Intervention,
    Qualification,
    RecruitmentEvent,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners():
    names = {name for c in demo.CAMPAIGNS for name in c.partners}
    names |= {where for _, where, *_ in demo.ROLES if where not in Sector.values}
    names |= {where for _, where, _ in demo.SUPPORT_FOR.values()}
    for name in sorted(names):
        OrganisationFactory(name=name)
    for sector in (Sector.NHS_ACUTE, Sector.NHS_MENTAL_HEALTH, Sector.NHS_COMMUNITY):
        OrganisationFactory(name=f"Demo {sector.label}", sector=sector)


def test_it_fills_every_state_with_checkpoints_and_support(partners):
    summary = demo.load()
    assert "320 candidates" in summary
    states = set(Application.objects.values_list("state", flat=True))
    assert states == set(ApplicationState.values)
    for months in (6, 12):
        recorded = Checkpoint.objects.filter(months=months).exclude(outcome="")
        assert recorded.filter(outcome="in_post").exists()
        assert recorded.filter(outcome="left").exclude(left_reason="").exists()
    # Every start has its two checkpoints, due 6 and 12 months later.
    for application in Application.objects.filter(state__in=["started", "left"]):
        assert sorted(application.checkpoints.values_list("months", flat=True)) == [6, 12]
    # A checkpoint is only recorded once it has fallen due.
    assert not Checkpoint.objects.exclude(outcome="").filter(due_on__gt=timezone.localdate())
    assert Application.objects.overdue(timezone.localdate()).exists()
    assert Barrier.objects.filter(resolved_on__isnull=False).exists()
    assert Intervention.objects.exists() and Qualification.objects.filter(status="achieved")
    assert RecruitmentEvent.objects.filter(partners__isnull=False).distinct().count() == 6
    # A person starts in at most one vacancy at a time.
    starters = Application.objects.filter(state="started").values_list("candidate", flat=True)
    assert len(list(starters)) == len(set(starters))


def test_loading_twice_adds_nothing(partners):
    demo.load()
    counts = (Candidate.objects.count(), Application.objects.count(), Checkpoint.objects.count())
    assert demo.load() == "talent hub demo already loaded"
    assert counts == (
        Candidate.objects.count(),
        Application.objects.count(),
        Checkpoint.objects.count(),
    )
