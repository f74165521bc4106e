"""Reads for the casework pages: a candidate this person may see (404 otherwise, as the pages
always have), and one of their support interventions or qualifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from .. import access
from ..models import Candidate, Intervention, Qualification

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
