"""Reads for a vacancy's board: its applications in pipeline order with their interviews, and
the people who may sit on an interview panel."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from oneworkforce.partners.choices import Role
from oneworkforce.partners.models import User

from .. import access
from ..models import Application, Interview, InterviewOutcome, Vacancy
from ..pipeline.states import ENDED, PATH

LONGEST_MINUTES = 480  # the longest interview the form allows
# Pipeline order: the forward path, then the ways an application ends.
ORDER = (*PATH, *sorted(ENDED, key=lambda s: s.value))


def in_pipeline_order(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Applications ordered by their step in the pipeline (not by the step's name), then by
    when they reached it."""
    position = Case(
        *(When(state=state.value, then=Value(index)) for index, state in enumerate(ORDER)),
        default=Value(len(ORDER)),
        output_field=IntegerField(),
    )
    return applications.annotate(position=position).order_by("position", "state_changed_at", "pk")


def board(user: User, vacancy: Vacancy) -> list[Application]:
    """The applications to ``vacancy`` this person may see, in pipeline order, each with its
    interviews (two queries)."""
    return list(
        in_pipeline_order(access.applications_for(user).filter(vacancy=vacancy)).prefetch_related(
            Prefetch("interviews", queryset=Interview.objects.order_by("starts_at"))
        )
    )


def panel_choices(vacancy: Vacancy) -> QuerySet[User]:
    """Who may sit on a panel: the vacancy's partner admins and the talent coordinators."""
    grants = Q(
        role_grants__revoked_at__isnull=True,
        role_grants__role=Role.PARTNER_ADMIN,
        role_grants__organisation=vacancy.organisation,
    ) | Q(role_grants__revoked_at__isnull=True, role_grants__role=Role.TALENT_COORDINATOR)
    return User.objects.filter(grants, is_active=True).distinct().order_by("full_name", "email")


def clashes(
    *, members: list[User], starts_at: dt.datetime, ends_at: dt.datetime
) -> list[Interview]:
    """Interviews still to happen that overlap [starts_at, ends_at) and share a panel member."""
    near = (
        Interview.objects.filter(
            panel__member__in=members,
            starts_at__lt=ends_at,
            starts_at__gt=starts_at - dt.timedelta(minutes=LONGEST_MINUTES),
            outcome=InterviewOutcome.PENDING,
        )
        .select_related("application__vacancy")
        .prefetch_related("panel__member")
        .distinct()
    )
    return [interview for interview in near if interview.ends_at > starts_at]


def interview_for(user: User, *, pk: int) -> Interview:
    """An interview on an application this person may see; 404 otherwise."""
    return get_object_or_404(
        Interview.objects.select_related("application__vacancy__organisation").filter(
            application__in=access.applications_for(user)
        ),
        pk=pk,
    )
