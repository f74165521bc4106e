"""Reads for the initiatives pages."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ..models import Initiative, InitiativeStatus, Measure


def initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("proposal", "decision_round").prefetch_related(
        "reviews"
    )


def initiative_detail(*, pk: int) -> Initiative:
    return get_object_or_404(
        Initiative.objects.select_related("proposal", "owner").prefetch_related(
            "measures", "reviews"
        ),
        pk=pk,
    )


def initiative_for(*, pk: int) -> Initiative:
    return get_object_or_404(Initiative, pk=pk)


def measure_for(*, initiative: Initiative, pk: int) -> Measure:
    return get_object_or_404(initiative.measures, pk=pk)


def pool_returned() -> int:
    """Money given back by stopped initiatives, available to a future round."""
    return sum(
        Initiative.objects.filter(status=InitiativeStatus.STOPPED).values_list(
            "returned", flat=True
        )
    )
