"""Reads for the casework pages: the candidates a person may see, searched; a candidate this
person may see (404 otherwise, as the pages always have); one of their support interventions or
qualifications; the verified learning record a qualification can point to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from oneworkforce.learning.models import Completion

from .. import access
from ..models import Campaign, Candidate, Intervention, Qualification

if TYPE_CHECKING:
    from oneworkforce.partners.models import User


def candidate_for(user: User, *, pk: int) -> Candidate:
    return get_object_or_404(access.candidates_for(user), pk=pk)


def current_candidate_for(user: User, *, pk: int) -> Candidate:
    """A candidate this person may see who has not been anonymised."""
    return get_object_or_404(access.candidates_for(user).current(), pk=pk)


def intervention_of(candidate: Candidate, *, pk: int) -> Intervention:
    return get_object_or_404(candidate.interventions, pk=pk)


def qualification_of(candidate: Candidate, *, pk: int) -> Qualification:
    return get_object_or_404(candidate.qualifications, pk=pk)


def completions_for(candidate: Candidate) -> QuerySet[Completion]:
    """Verified entries of the learning record of the account with the candidate's e-mail."""
    if not candidate.email:
        return Completion.objects.none()
    return (
        Completion.objects.verified()
        .filter(learner__email=candidate.email)
        .select_related("opportunity")
        .order_by("-completed_on")
    )


def search(
    user: User,
    *,
    text: str = "",
    in_pool: bool = False,
    campaign: Campaign | None = None,
    community: str = "",
    cohort: str = "",
    barrier: str = "",
) -> QuerySet[Candidate]:
    """The candidates ``user`` may see that match every criterion given. Cohort and barrier
    (special-category answers) narrow the list only for those who may see them."""
    found = access.candidates_for(user).select_related("campaign")
    if campaign is not None:
        found = found.filter(campaign=campaign)
    if community:
        found = found.filter(community=community)
    if access.sees_sensitive(user):
        if cohort:
            found = found.filter(cohorts__cohort=cohort)
        if barrier:
            found = found.filter(barriers__kind=barrier, barriers__resolved_on__isnull=True)
    text = text.strip()
    if text:
        found = found.current().filter(
            Q(full_name__icontains=text)
            | Q(email__icontains=text.lower())
            | Q(phone__icontains=text.replace(" ", ""))
            | Q(reference__iexact=text)
        )
    if in_pool:
        found = found.filter(in_pool=True)
    return found.order_by("-created_at", "-pk")
