"""Reads for blocks, programmes, students and requests."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from oneworkforce.partners.models import Organisation

from ..models import Block, PlacementRequest, Programme


def blocks() -> QuerySet[Block]:
    return Block.objects.annotate(requested=Count("requests", distinct=True))


def programmes(provider: Organisation) -> QuerySet[Programme]:
    return Programme.objects.for_organisation(provider).annotate(named=Count("students"))


def programme_page(programme: Programme) -> Programme:
    return Programme.objects.select_related("provider").get(pk=programme.pk)


def requests_for(programme: Programme) -> QuerySet[PlacementRequest]:
    return programme.requests.select_related("block")
