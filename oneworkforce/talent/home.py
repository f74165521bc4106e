"""What waits on a recruiter in the talent hub, for the signed-in home (core.home): overdue
pipeline steps, interviews to arrange and retention checkpoints due."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min
from django.urls import reverse

from oneworkforce.core.home import Task
from oneworkforce.partners.models import User

from . import access
from .models import ApplicationState
from .pipeline import states
from .pipeline.selectors import checkpoints_for
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
    interviews = applications.filter(state=ApplicationState.INTERVIEW).aggregate(
        n=Count("id"), oldest=Min("state_changed_at")
    )
    checkpoints = checkpoints_for(user).filter(outcome="", due_on__lte=today)
    due = checkpoints.aggregate(n=Count("id"), oldest=Min("due_on"))
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
            title="Applications at interview: interviews to arrange and outcomes to record",
            count=interviews["n"],
            since=interviews["oldest"],
            href=worklist,
            action="Arrange interviews",
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
