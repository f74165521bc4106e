"""What waits on a person in decisions, for the signed-in home (core.home): ballots to cast,
proposals to review against the values, and initiative reviews open or overdue."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, Min, OuterRef
from django.urls import reverse

from oneworkforce.core.home import Task
from oneworkforce.partners.models import User

from . import access
from .models import (
    Ballot,
    Checkpoint,
    DecisionRound,
    Initiative,
    InitiativeStatus,
    Proposal,
    ProposalReview,
    ProposalStatus,
    RoundStatus,
)
from .proposals.selectors import works_for


def tasks(user: User, today: dt.date) -> list[Task]:
    """A fixed number of queries: the open rounds (few) with whether this person voted, one
    eligibility check per kind of electorate, the proposals count, and the initiatives due."""
    return [*_ballots(user), *_proposals(user), *_initiative_reviews(user, today)]


def _ballots(user: User) -> list[Task]:
    rounds = list(
        DecisionRound.objects.filter(status=RoundStatus.OPEN)
        .annotate(voted=Exists(Ballot.objects.filter(round=OuterRef("pk"), voter=user)))
        .filter(voted=False)
        .order_by("opened_at")
    )
    eligible: dict[str, bool] = {}
    waiting = []
    for decision_round in rounds:
        if decision_round.electorate not in eligible:
            eligible[decision_round.electorate] = access.may_vote(user, decision_round)
        if eligible[decision_round.electorate]:
            waiting.append(decision_round)
    if not waiting:
        return []
    first = waiting[0]
    return [
        Task(
            capability="Decisions",
            title="Decision rounds open for your vote",
            count=len(waiting),
            since=first.opened_at,
            href=first.get_absolute_url() if len(waiting) == 1 else reverse("decisions:rounds"),
            action="Vote",
            detail=first.name if len(waiting) == 1 else "",
        )
    ]


def _proposals(user: User) -> list[Task]:
    if not access.can_lead_faculty(user):
        return []
    partners = [o.pk for o in works_for(user)]
    found = (
        Proposal.objects.filter(status=ProposalStatus.IN_REVIEW)
        .exclude(created_by=user)
        .exclude(organisation_id__in=partners)
        .exclude(Exists(ProposalReview.objects.filter(proposal=OuterRef("pk"), reviewer=user)))
        .aggregate(n=Count("id"), oldest=Min("created_at"))
    )
    return [
        Task(
            capability="Decisions",
            title="Proposals to review against the values",
            count=found["n"],
            since=found["oldest"],
            href=reverse("decisions:proposals"),
            action="Review proposals",
        )
    ]


def _initiative_reviews(user: User, today: dt.date) -> list[Task]:
    """Running initiatives the person owns (every one, for partnership admins, who record the
    reviews) whose next review is open or overdue."""
    running = Initiative.objects.filter(status=InitiativeStatus.ACTIVE)
    if not access.is_partnership_admin(user):
        running = running.filter(owner=user)
    due: list[tuple[dt.date, Initiative]] = []
    for initiative in running.select_related("proposal").prefetch_related("reviews"):
        done = {r.checkpoint for r in initiative.reviews.all()}
        for checkpoint in Checkpoint:
            if checkpoint not in done:
                if today >= initiative.review_opens(checkpoint):
                    due.append((initiative.review_due(checkpoint), initiative))
                break
    if not due:
        return []
    due.sort(key=lambda pair: (pair[0], pair[1].pk))
    first_due, first = due[0]
    overdue = sum(1 for day, _ in due if day < today)
    return [
        Task(
            capability="Decisions",
            title="Initiative reviews open or overdue"
            if overdue
            else "Initiative reviews open now",
            count=len(due),
            since=first_due,
            upcoming=first_due >= today,
            overdue=bool(overdue),
            href=first.get_absolute_url() if len(due) == 1 else reverse("decisions:initiatives"),
            action="Review the initiatives" if len(due) > 1 else "Review the initiative",
            detail=first.proposal.title if len(due) == 1 else "",
        )
    ]
