"""Reads for the proposals and values pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.models import Organisation, User

from ..models import PartnershipValue, Proposal


def proposals() -> QuerySet[Proposal]:
    return Proposal.objects.prefetch_related("needs__faculty")


def proposal_detail(pk: int) -> Proposal:
    """The proposal with its needs, partners and reviews; 404 when there is none."""
    try:
        return (
            Proposal.objects.prefetch_related(
                "needs__faculty",
                "organisations",
                "panel__verdicts__value",
                "panel__reviewer",
                "panel__organisation",
            )
            .select_related("organisation", "created_by")
            .get(pk=pk)
        )
    except Proposal.DoesNotExist:
        raise Http404 from None


def proposal_for(*, pk: int) -> Proposal:
    return get_object_or_404(Proposal, pk=pk)


def values() -> QuerySet[PartnershipValue]:
    return PartnershipValue.objects.all()


def active_values() -> QuerySet[PartnershipValue]:
    return PartnershipValue.objects.filter(is_active=True)


def works_for(user: User) -> list[Organisation]:
    """The partners a person works for: confirmed affiliations first, then the partners their
    roles are held for. The first is the one their reviews and proposals are made for."""
    found: dict[int, Organisation] = {}
    for affiliation in user.affiliations.filter(status=AffiliationStatus.CONFIRMED).select_related(
        "organisation"
    ):
        found.setdefault(affiliation.organisation_id, affiliation.organisation)
    for grant in (
        user.role_grants.active().filter(organisation__isnull=False).select_related("organisation")
    ):
        found.setdefault(grant.organisation_id, grant.organisation)
    return list(found.values())
