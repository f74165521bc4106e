"""Reading partners' local figures for the pages: the latest vacancies, leaving reasons, social
care counts and population projections, and the success indicators at 30, 60 and 90 days."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Max, Q, Sum
from django.shortcuts import get_object_or_404

from oneworkforce.partners.models import Organisation, Place

from ..models import (
    ExitInterviewCount,
    ExitReason,
    ImportBatch,
    PopulationProjection,
    SocialCareWorkforce,
    WorkforceReturn,
)
from ..statistics.selectors import add_months
from .datasets import DATASETS, MAX_AGE, Owner, owner_filter


def latest_return_month() -> dt.date | None:
    return WorkforceReturn.objects.aggregate(latest=Max("period_start"))["latest"]


def vacancy_table(month: dt.date, organisation_ids: Iterable[int] | None = None) -> list[Any]:
    returns = WorkforceReturn.objects.filter(period_start=month).select_related("organisation")
    if organisation_ids is not None:
        returns = returns.filter(organisation_id__in=list(organisation_ids))
    return list(returns)


CHECKPOINTS = (0, 30, 60, 90)


def success_indicators(
    organisation_id: int, start: dt.date, staff_group: str | None = None
) -> list[dict[str, Any]]:
    """Vacancies, applications and leavers at the start month and 30, 60 and 90 days on (the
    monthly return for the month each checkpoint falls in), with the change from the start."""
    query = Q(organisation_id=organisation_id)
    if staff_group:
        query &= Q(staff_group=staff_group)
    months = {days: add_months(start, days // 30) for days in CHECKPOINTS}
    totals: dict[dt.date, dict[str, float]] = {}
    for month in set(months.values()):
        returns = WorkforceReturn.objects.filter(query, period_start=month)
        if returns.exists():
            totals[month] = {
                "vacancies": float(sum(r.vacancies_fte for r in returns)),
                "applications": float(sum(r.applications for r in returns)),
                "leavers": float(sum(r.leavers for r in returns)),
            }
    rows = []
    base = totals.get(months[0])
    for name, label in (
        ("vacancies", "Vacancies (FTE)"),
        ("applications", "Applications received"),
        ("leavers", "Leavers"),
    ):
        points = []
        for days in CHECKPOINTS:
            value = totals.get(months[days], {}).get(name)
            change = value - base[name] if value is not None and base is not None else None
            points.append({"days": days, "month": months[days], "value": value, "change": change})
        rows.append({"name": name, "label": label, "points": points})
    return rows


def _scoped(queryset: Any, organisation_ids: Iterable[int] | None) -> Any:
    if organisation_ids is None:
        return queryset
    return queryset.filter(organisation_id__in=list(organisation_ids))


def latest_vacancies(
    organisation_ids: Iterable[int] | None = None,
) -> tuple[dt.date | None, list[WorkforceReturn]]:
    """The latest month's returns (of the chosen partners), by partner and staff group."""
    ids = None if organisation_ids is None else list(organisation_ids)
    if ids is None:
        month = latest_return_month()
    else:
        month = _scoped(WorkforceReturn.objects, ids).aggregate(latest=Max("period_start"))[
            "latest"
        ]
    if month is None:
        return None, []
    return month, vacancy_table(month, ids)


@dataclass(frozen=True)
class ReasonCount:
    code: str
    label: str
    leavers: int
    share: float


def exit_reason_counts(
    organisation_ids: Iterable[int] | None = None, months: int = 12
) -> tuple[dt.date | None, dt.date | None, list[ReasonCount]]:
    """Leavers by reason over the last ``months`` months held, most given first."""
    counts = _scoped(ExitInterviewCount.objects.all(), organisation_ids)
    last = counts.aggregate(latest=Max("period_start"))["latest"]
    if last is None:
        return None, None, []
    first = add_months(last, 1 - months)
    totals = (
        counts.filter(period_start__gte=first, period_start__lte=last)
        .order_by()
        .values("reason")
        .annotate(leavers=Sum("leavers"))
    )
    whole = sum(t["leavers"] for t in totals) or 1
    labels = dict(ExitReason.choices)
    rows = [
        ReasonCount(
            t["reason"],
            str(labels.get(t["reason"], t["reason"])),
            t["leavers"],
            t["leavers"] / whole,
        )
        for t in totals
    ]
    rows.sort(key=lambda r: (-r.leavers, r.label))
    return first, last, rows


def latest_social_care(
    organisation_ids: Iterable[int] | None = None,
) -> list[SocialCareWorkforce]:
    """Each partner's most recent social care count, by role."""
    figures = _scoped(SocialCareWorkforce.objects.all(), organisation_ids)
    latest = figures.values("organisation_id").annotate(latest=Max("period_start"))
    query = Q(pk__in=[])
    for item in latest:
        query |= Q(organisation_id=item["organisation_id"], period_start=item["latest"])
    return list(figures.filter(query).select_related("organisation"))


def _band_start(band: str) -> tuple[int, str]:
    digits = re.match(r"\d+", band)
    return (int(digits[0]) if digits else MAX_AGE + 1, band)


def population_by_place() -> list[dict[str, Any]]:
    """Each place's projections as a grid: age bands (youngest first) by year."""
    grids: dict[int, dict[str, Any]] = {}
    for figure in PopulationProjection.objects.select_related("place"):
        grid = grids.setdefault(
            figure.place_id,
            {"place": figure.place, "years": set(), "cells": defaultdict(dict), "sources": set()},
        )
        grid["years"].add(figure.year)
        grid["cells"][figure.age_band][figure.year] = figure.people
        if figure.source:
            grid["sources"].add(figure.source)
    result = []
    for grid in grids.values():
        bands = sorted(grid["cells"], key=_band_start)
        years = sorted(grid["years"])
        result.append(
            {
                "place": grid["place"],
                "years": years,
                "rows": [(band, [grid["cells"][band].get(y) for y in years]) for band in bands],
                "sources": sorted(grid["sources"]),
            }
        )
    return sorted(result, key=lambda g: g["place"].name)


def staff_groups_recorded() -> list[str]:
    return list(
        WorkforceReturn.objects.order_by("staff_group")
        .values_list("staff_group", flat=True)
        .distinct()
    )


def held_record(kind: str, owner: Owner, pk: Any) -> models.Model | None:
    """The owner's record ``pk`` (to fill the form for a correction), or None."""
    dataset = DATASETS[kind]
    text = str(pk or "")
    if not text.isdigit() or len(text) > 18:
        return None
    model: Any = dataset.model
    return model.objects.filter(pk=int(text), **owner_filter(dataset, owner)).first()


def recent_imports(kind: str, organisation: Organisation | None) -> list[ImportBatch]:
    return list(ImportBatch.objects.filter(kind=kind, organisation=organisation)[:5])


def active_partner(slug: str) -> Organisation:
    """The active partner with this slug; Http404 if there is none."""
    return get_object_or_404(Organisation.objects.active(), slug=slug)


def partner_choices() -> list[tuple[str, str]]:
    """Every active partner as (slug, name), for the filters."""
    return list(Organisation.objects.active().values_list("slug", "name"))


def partner_or_none(slug: str | None) -> Organisation | None:
    """The partner with this slug (chosen in a filter), or None."""
    return Organisation.objects.filter(slug=slug).first() if slug else None


def partner(slug: str) -> Organisation:
    """The partner a validated filter chose (its choices are the partners' slugs)."""
    return Organisation.objects.get(slug=slug)


def place(slug: str) -> Place:
    """The place with this slug; Http404 if there is none."""
    return get_object_or_404(Place, slug=slug)


def may_record(
    organisation: Organisation | None, *, ids: set[int] | None, places: bool
) -> dict[str, Any]:
    """The partners (of ``ids``; None means every one) whose figures a person may record, only
    ``organisation`` when one is chosen; and every place when ``places`` is true."""
    partners = Organisation.objects.active()
    if ids is not None:
        partners = partners.filter(pk__in=ids)
    if organisation is not None:
        partners = partners.filter(pk=organisation.pk)
    recordable = list(partners)
    return {
        "recordable": recordable,
        "recordable_ids": {p.pk for p in recordable},
        "places": list(Place.objects.all()) if places else [],
    }
