"""The figures of capacity against demand, by aggregate queries (a handful, whatever the
partnership's size), for the partnership or one partner, all blocks or one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from oneworkforce.partners.models import Organisation

from ..models import Block, Offer, Placement, PlacementRequest, Supervisor


@dataclass
class Figures:
    """Rows of plain values: ``asked`` (requests), ``offered`` (offers) and ``placed`` (live
    placements), each with the dimensions it has."""

    asked: list[dict[str, Any]] = field(default_factory=list)
    offered: list[dict[str, Any]] = field(default_factory=list)
    placed: list[dict[str, Any]] = field(default_factory=list)


def blocks() -> QuerySet[Block]:
    return Block.objects.all()


def capacity(organisation: Organisation | None = None, block: Block | None = None) -> Figures:
    requests = PlacementRequest.objects.all()
    offers = Offer.objects.filter(places__gt=0)
    placements = Placement.objects.live()
    if block is not None:
        requests = requests.filter(block=block)
        offers = offers.filter(block=block)
        placements = placements.filter(block=block)
    if organisation is not None:
        requests = requests.filter(programme__provider=organisation)
        offers = offers.filter(environment__organisation=organisation)
        placements = placements.filter(
            Q(environment__organisation=organisation) | Q(student__programme__provider=organisation)
        )
    return Figures(
        asked=list(
            requests.values(
                "block__name",
                "programme__profession",
                "programme__field",
                "programme__provider__name",
            ).annotate(n=Sum("students"))
        ),
        offered=list(
            offers.values(
                "block__name",
                "profession",
                "environment__setting",
                "environment__organisation__sector",
            ).annotate(n=Sum("places"))
        ),
        placed=list(
            placements.values(
                "block__name",
                "student__programme__profession",
                "student__programme__field",
                "environment__setting",
                "environment__organisation__sector",
                "student__programme__provider__name",
            ).annotate(n=Count("pk"))
        ),
    )


def supervision_rows(
    organisation: Organisation | None = None,
) -> list[tuple[dt.date, dt.date | None, int]]:
    found = Supervisor.objects.all()
    if organisation is not None:
        found = found.filter(environment__organisation=organisation)
    return list(found.values_list("added_on", "left_on", "max_students"))
