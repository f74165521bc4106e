"""What waits on a recruiter in the talent hub, for the signed-in home (core.home): overdue
pipeline steps, interviews to book, interview outcomes to record and retention checkpoints due."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.home import Task
from oneworkforce.partners.models import User

from . import access
from .models import Application, ApplicationState, Checkpoint, Interview, InterviewOutcome
from .pipeline import states
from .pipeline.states import Party


def tasks(user: User, today: dt.date) -> list[Task]:
    """At most four queries (the roles, then three counts), whatever the number of candidates."""
    if not access.is_recruiter(user):
        return []
    applications = access.applications_for(user)
    if not access.is_coordinator(user):
        applications = applications.filter(
            state__in=[s.value for s, (_, p) in states.WAITING.items() if p == Party.EMPLOYER]
        )
    overdue = applications.overdue(today).aggregate(n=Count("id"), oldest=Min("due_on"))
    # At the interview step: those with no interview booked, and those whose interview has
    # happened without an outcome recorded (one query for both).
    pending = Interview.objects.filter(application=OuterRef("pk"), outcome=InterviewOutcome.PENDING)
    interviews = (
        applications.filter(state=ApplicationState.INTERVIEW)
        .annotate(booked=Exists(pending), held=Exists(pending.filter(starts_at__lt=timezone.now())))
        .aggregate(
            to_book=Count("id", filter=Q(booked=False)),
            oldest_to_book=Min("state_changed_at", filter=Q(booked=False)),
            to_record=Count("id", filter=Q(held=True)),
            oldest_to_record=Min("state_changed_at", filter=Q(held=True)),
        )
    )
    due = _checkpoints_due(user, today).aggregate(n=Count("id"), oldest=Min("due_on"))
    worklist = reverse("talent:worklist")
    return [
        Task(
            capability="Talent hub",
            title="Applications with an overdue next step",
            count=overdue["n"],
            since=overdue["oldest"],
            overdue=True,
            href=worklist,
            action="Move them on",
        ),
        Task(
            capability="Talent hub",
            title="Applications at interview with no interview booked",
            count=interviews["to_book"],
            since=interviews["oldest_to_book"],
            href=worklist,
            action="Book interviews",
        ),
        Task(
            capability="Talent hub",
            title="Interviews held with no outcome recorded",
            count=interviews["to_record"],
            since=interviews["oldest_to_record"],
            href=worklist,
            action="Record outcomes",
        ),
        Task(
            capability="Talent hub",
            title="Retention checkpoints due",
            count=due["n"],
            since=due["oldest"],
            href=reverse("talent:checkpoints"),
            action="Record whether they stayed",
        ),
    ]


def _checkpoints_due(user: User, today: dt.date) -> QuerySet[Checkpoint]:
    """The retention checkpoints due that this person records: every one for coordinators and
    partnership admins; for a partner admin, those of its own vacancies and of people who moved
    to it (the same as the checkpoints page, counted without a join that repeats rows)."""
    due = Checkpoint.objects.filter(outcome="", due_on__lte=today)
    ids = access.employer_ids(user)
    if ids is None:
        return due
    # Two semi-joins on the application, so the database need not join every due checkpoint
    # to its application and vacancy.
    own = Application.objects.filter(vacancy__organisation_id__in=ids).values("pk")
    moved_here = Checkpoint.objects.filter(moved_to_id__in=ids).values("application_id")
    return due.filter(Q(application_id__in=own) | Q(application_id__in=moved_here))
