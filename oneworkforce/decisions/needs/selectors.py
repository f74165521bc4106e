"""Reads for the needs and themes pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from oneworkforce.intelligence.statistics import selectors as indicators
from oneworkforce.intelligence.statistics.selectors import Comparison
from oneworkforce.partners.models import Faculty

from ..models import Need, NeedLink, Theme
from ..similarity import suggest_pairs


def needs(faculty_slug: str = "") -> QuerySet[Need]:
    found = Need.objects.select_related("faculty").prefetch_related("themes", "organisations")
    return found.filter(faculty__slug=faculty_slug) if faculty_slug else found


@dataclass(frozen=True)
class NeedFigure:
    """A published figure for one partner a need affects (``measure`` is "leavers" or
    "sickness"), with its peers, for the latest imported month."""

    need_id: int
    organisation: str
    code: str
    measure: str
    staff_group: str
    month: dt.date
    comparison: Comparison


def need_figures(needs: list[Need]) -> list[NeedFigure]:
    """Published figures for each need's affected partners that have an ODS code: the leaver
    rate for the need's staff group (or all staff) and the sickness absence rate (workforce
    intelligence's latest imported month). A partner with no figure has none here."""
    periods = indicators.turnover_periods()
    months = indicators.sickness_months()
    turnover: dict[str, dict[str, Comparison]] = {}
    sickness = indicators.sickness_comparisons(months[0]) if months else {}
    figures = []
    for need in needs:
        group = need.staff_group or "All staff groups"
        if periods and group not in turnover:
            turnover[group] = indicators.turnover_comparisons(periods[0], group, "leavers")
        for organisation in need.organisations.all():
            code = organisation.ods_code.upper()
            if not code:
                continue
            found = []
            if periods and code in turnover.get(group, {}):
                found.append(("leavers", periods[0], turnover[group][code]))
            if months and code in sickness:
                found.append(("sickness", months[0], sickness[code]))
            figures += [
                NeedFigure(need.pk, organisation.name, code, measure, group, month, comparison)
                for measure, month, comparison in found
            ]
    return figures


def active_faculties() -> QuerySet[Faculty]:
    return Faculty.objects.filter(is_active=True)


def recurring_themes() -> list[tuple[Theme, int, list[str]]]:
    """Themes named by needs in more than one faculty: candidates for working together."""
    rows = []
    themes = Theme.objects.annotate(faculties=Count("needs__faculty", distinct=True)).filter(
        faculties__gt=1
    )
    for theme in themes.prefetch_related("needs__faculty"):
        names = sorted({n.faculty.name for n in theme.needs.all()})
        rows.append((theme, len(names), names))
    return sorted(rows, key=lambda row: (-row[1], row[0].name))


def suggested_groupings(limit: int = 20) -> list[dict[str, Any]]:
    """Pairs of needs from different faculties that read alike and nobody has decided on."""
    needs_by_id = {n.pk: n for n in Need.objects.select_related("faculty")}
    decided = set(NeedLink.objects.values_list("first_id", "second_id"))
    documents = {pk: f"{n.title}. {n.description}" for pk, n in needs_by_id.items()}
    rows = []
    for suggestion in suggest_pairs(documents):
        first, second = needs_by_id[suggestion.first], needs_by_id[suggestion.second]
        if first.faculty_id == second.faculty_id or (first.pk, second.pk) in decided:
            continue
        rows.append(
            {
                "first": first,
                "second": second,
                "similarity": suggestion.similarity,
                "shared_words": suggestion.shared_words,
            }
        )
        if len(rows) == limit:
            break
    return rows
