"""Reads for the needs and themes pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from oneworkforce.partners.models import Faculty

from ..models import Need, NeedLink, Theme
from ..similarity import suggest_pairs


def needs(faculty_slug: str = "") -> QuerySet[Need]:
    found = Need.objects.select_related("faculty").prefetch_related("themes", "organisations")
    return found.filter(faculty__slug=faculty_slug) if faculty_slug else found


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
