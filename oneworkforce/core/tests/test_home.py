"""The signed-in home: what waits on each person, from every capability, in a fixed number of
queries whatever the size of the data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core import home
from oneworkforce.core.home import Task
from oneworkforce.core.presenters import home_rows
from oneworkforce.decisions.models import ProposalStatus
from oneworkforce.decisions.tests import factories as decision_factories
from oneworkforce.learning.models import Booking, BookingState, CompletionState, Requirement
from oneworkforce.learning.tests.factories import (
    CompletionFactory,
    JobRoleFactory,
    OpportunityFactory,
    SessionFactory,
)
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import AffiliationFactory, UserFactory
from oneworkforce.talent.models import Interview
from oneworkforce.talent.tests.factories import ApplicationFactory, VacancyFactory

TODAY = dt.date(2026, 12, 7)


def test_every_capability_contributes_through_the_one_interface():
    modules = {c.__module__ for c in home.contributors()}
    assert {
        "oneworkforce.partners.home",
        "oneworkforce.learning.home",
        "oneworkforce.deployments.home",
        "oneworkforce.talent.home",
        "oneworkforce.decisions.home",
    } <= modules


def test_rows_give_the_count_the_oldest_items_age_and_where_to_act():
    tasks = [
        Task(
            "Learning", "Completions to verify", 1204, "/v", "Verify", since=dt.date(2026, 11, 25)
        ),
        Task("Talent hub", "Overdue", 3, "/w", "Move", since=dt.date(2026, 12, 6), overdue=True),
        Task("Learning", "Next sessions", 2, "/m", "See", since=TODAY, upcoming=True),
        Task("Decisions", "Reviews", 1, "/r", "Review", since=dt.date(2026, 12, 9), upcoming=True),
        Task("Partnership", "People", 1, "/p", "Confirm", since=TODAY),
    ]
    assert [(r["count"], r["age"]) for r in home_rows(tasks, TODAY)] == [
        ("1,204", "Oldest waiting 12 days"),
        ("3", "Oldest overdue by 1 day"),
        ("2", "Next: today"),
        ("1", "Next: 9 December 2026"),
        ("1", "Oldest waiting since today"),
    ]


def _home(client, user) -> tuple[str, int]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("core:home")).content.decode()
    return body, len(queries)


@pytest.mark.django_db
def test_a_partner_admin_sees_people_to_confirm_and_completions_to_verify(client, admin_a, org_a):
    AffiliationFactory(
        organisation=org_a, requested_at=timezone.now() - dt.timedelta(days=5), status="pending"
    )
    CompletionFactory(issuer=org_a, opportunity__organisation=org_a, state=CompletionState.PENDING)
    body, _ = _home(client, admin_a)
    assert "People to confirm as working with your partner" in body
    assert "Oldest waiting 5 days" in body
    assert reverse("partners:people", kwargs={"slug": org_a.slug}) in body
    assert "Completions to verify" in body
    assert reverse("learning:completions", kwargs={"slug": org_a.slug}) in body


@pytest.mark.django_db
def test_a_learner_sees_their_next_session_and_the_place_offered(client, learner):
    session = SessionFactory(opportunity__title="Moving and handling")
    Booking.objects.create(session=session, learner=learner, state=BookingState.BOOKED)
    Booking.objects.create(
        session=SessionFactory(),
        learner=learner,
        state=BookingState.OFFERED,
        offer_expires_at=timezone.now() + dt.timedelta(days=2),
    )
    body, _ = _home(client, learner)
    assert "Your next sessions" in body and "Next: Moving and handling" in body
    assert "Places offered to you" in body


@pytest.mark.django_db
def test_someone_with_nothing_waiting_is_told_so(client):
    body, _ = _home(client, UserFactory())
    assert "Nothing is waiting on you." in body


@pytest.mark.django_db
def test_a_faculty_lead_sees_proposals_to_review_but_not_their_own(client):
    lead = decision_factories.lead_at(Sector.VCSE)
    decision_factories.ProposalFactory(status=ProposalStatus.IN_REVIEW, created_by=lead)
    body, _ = _home(client, lead)
    assert "Proposals to review" not in body
    decision_factories.ProposalFactory(status=ProposalStatus.IN_REVIEW)
    body, _ = _home(client, lead)
    assert "Proposals to review against the values" in body


def _grow(organisation, n: int) -> None:
    """n more of everything waiting on a partner admin of ``organisation`` and on a talent
    coordinator."""
    for _ in range(n):
        AffiliationFactory(organisation=organisation, status="pending")
        CompletionFactory(
            issuer=organisation,
            opportunity__organisation=organisation,
            state=CompletionState.PENDING,
        )
        ApplicationFactory(
            vacancy=VacancyFactory(organisation=organisation),
            state="put_forward",
            due_on=timezone.localdate() - dt.timedelta(days=3),
        )
        ApplicationFactory(
            vacancy=VacancyFactory(organisation=organisation),
            state="interview",
            due_on=timezone.localdate() - dt.timedelta(days=3),
        )
        decision_factories.ProposalFactory(status=ProposalStatus.IN_REVIEW)


@pytest.mark.django_db
def test_the_home_runs_a_fixed_number_of_queries_whatever_the_data_size(
    client, admin_a, org_a, talent_coordinator
):
    lead = decision_factories.lead_at(Sector.VCSE)
    _grow(org_a, 1)
    small = {
        who: _home(client, user)[1] for who, user in _people(admin_a, talent_coordinator, lead)
    }
    _grow(org_a, 25)
    large = {
        who: _home(client, user)[1] for who, user in _people(admin_a, talent_coordinator, lead)
    }
    assert large == small
    body, _ = _home(client, talent_coordinator)
    assert "Applications with an overdue next step" in body
    assert re.search(r">\s*52\s*<", body)  # 2 + 2 x 25 overdue


def _people(*users):
    return zip(("partner admin", "talent coordinator", "faculty lead"), users, strict=True)


@pytest.mark.django_db
def test_a_partner_admin_sees_checkpoints_due_for_its_own_starters_and_those_who_moved_to_it(
    client, admin_a, org_a, org_b
):
    from oneworkforce.talent.models import Checkpoint

    due = timezone.localdate() - dt.timedelta(days=2)
    own = ApplicationFactory(vacancy=VacancyFactory(organisation=org_a), state="started")
    Checkpoint.objects.create(application=own, months=6, due_on=due)
    elsewhere = ApplicationFactory(vacancy=VacancyFactory(organisation=org_b), state="started")
    Checkpoint.objects.create(
        application=elsewhere, months=6, due_on=due, outcome="moved", moved_to=org_a
    )
    Checkpoint.objects.create(application=elsewhere, months=12, due_on=due)
    Checkpoint.objects.create(
        application=ApplicationFactory(vacancy=VacancyFactory(organisation=org_b), state="started"),
        months=6,
        due_on=due,
    )
    body, _ = _home(client, admin_a)
    assert "Retention checkpoints due" in body
    assert re.search(r"Retention checkpoints due.*?>\s*2\s*<", body, re.S)


@pytest.mark.django_db
def test_a_learner_sees_training_their_job_roles_need_that_expires_until_a_place_is_held(
    client, learner
):
    requirement = Requirement.objects.filter(validity_months=12).order_by("pk").first()
    job_role = JobRoleFactory()
    job_role.requirements.add(requirement)
    job_role.members.add(learner)
    body, _ = _home(client, learner)
    assert "Training your job roles need" not in body  # missing is not expiring
    today = timezone.localdate()
    done = CompletionFactory(
        learner=learner,
        issuer=job_role.organisation,
        opportunity__organisation=job_role.organisation,
        completed_on=today - dt.timedelta(days=340),
        requirements=[requirement],
    )
    body, queries = _home(client, learner)
    assert "Training your job roles need: expired or expiring within 60 days" in body
    assert "Next:" in body and "overdue" not in body
    for _ in range(5):  # more job roles and completions: no more queries
        other = JobRoleFactory(organisation=job_role.organisation)
        other.requirements.add(requirement)
        other.members.add(learner)
    assert _home(client, learner)[1] == queries
    done.completed_on = today - dt.timedelta(days=400)
    done.save()
    assert "Oldest overdue by" in _home(client, learner)[0]
    renewal = OpportunityFactory(organisation=job_role.organisation)
    renewal.requirements.add(requirement)
    Booking.objects.create(
        session=SessionFactory(opportunity=renewal), learner=learner, state=BookingState.BOOKED
    )
    assert "Training your job roles need" not in _home(client, learner)[0]


@pytest.mark.django_db
def test_a_coordinator_sees_interviews_to_book_apart_from_outcomes_to_record(
    client, talent_coordinator
):
    ApplicationFactory(state="interview")  # no interview booked yet
    held = ApplicationFactory(state="interview")
    Interview.objects.create(
        application=held, starts_at=timezone.now() - dt.timedelta(days=1), place="Room 4"
    )
    booked = ApplicationFactory(state="interview")
    Interview.objects.create(
        application=booked, starts_at=timezone.now() + dt.timedelta(days=2), place="Room 4"
    )
    tasks = {t.title: t.count for t in home.tasks_for(talent_coordinator, timezone.localdate())}
    assert tasks["Applications at interview with no interview booked"] == 1
    assert tasks["Interviews held with no outcome recorded"] == 1
