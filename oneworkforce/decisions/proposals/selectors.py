"""Reads for the proposals and values pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import PartnershipValue, Proposal


def proposals() -> QuerySet[Proposal]:
    return Proposal.objects.prefetch_related("needs__faculty")


def proposal_detail(pk: int) -> Proposal:
    """The proposal with its needs, partners and reviews; 404 when there is none."""
    try:
        return Proposal.objects.prefetch_related(
            "needs__faculty", "organisations", "reviews__value", "reviews__reviewer"
        ).get(pk=pk)
    except Proposal.DoesNotExist:
        raise Http404 from None


def proposal_for(*, pk: int) -> Proposal:
    return get_object_or_404(Proposal, pk=pk)


def values() -> QuerySet[PartnershipValue]:
    return PartnershipValue.objects.all()


def active_values() -> QuerySet[PartnershipValue]:
    return PartnershipValue.objects.filter(is_active=True)
