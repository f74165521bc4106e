"""Needs and gaps, and the themes they share: recording needs, deciding suggested groupings.

Each function takes keyword-only arguments, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import Faculty, User

from .. import access
from ..models import Need, NeedLink, Theme


def _themes(names: list[str]) -> list[Theme]:
    themes = []
    for name in names:
        clean = " ".join(name.split())[:80]
        if clean:
            theme, _ = Theme.objects.get_or_create(name__iexact=clean, defaults={"name": clean})
            themes.append(theme)
    return themes


@transaction.atomic
def need_record(
    *,
    actor: User,
    faculty: Faculty,
    title: str,
    description: str,
    severity: str,
    evidence: str = "",
    themes: list[str] | None = None,
    organisations: Any = (),
    sectors: list[str] | None = None,
    staff_group: str = "",
) -> Need:
    if not access.can_lead_faculty(actor, faculty):
        raise ServiceError(
            f"Only leads of the {faculty.name} faculty can record its needs.", field="faculty"
        )
    need = Need.objects.create(
        faculty=faculty,
        title=title,
        description=description,
        evidence=evidence,
        severity=severity,
        sectors=sorted(set(sectors or [])),
        staff_group=staff_group,
        created_by=actor,
    )
    need.themes.set(_themes(themes or []))
    need.organisations.set(organisations)
    audit.record(
        actor=actor,
        action="need.recorded",
        obj=need,
        changes={"title": {"from": None, "to": title}, "faculty": {"from": None, "to": faculty.pk}},
    )
    return need


@transaction.atomic
def need_pair_decide(
    *, actor: User, first: Need, second: Need, related: bool, theme_name: str = ""
) -> NeedLink:
    """Confirm that two needs share a theme (both get it) or reject the suggestion for good."""
    if not access.can_lead_faculty(actor):
        raise ServiceError("Only faculty leads and partnership admins group needs.")
    if first.pk == second.pk:
        raise ServiceError("Choose two different needs.")
    first, second = sorted((first, second), key=lambda n: n.pk)
    if NeedLink.objects.filter(first=first, second=second).exists():
        raise ServiceError("Someone has already decided about these two needs.")
    theme = None
    if related:
        themes = _themes([theme_name])
        if not themes:
            raise ServiceError("Name the theme they share.", field="theme")
        theme = themes[0]
        first.themes.add(theme)
        second.themes.add(theme)
    link = NeedLink.objects.create(
        first=first, second=second, related=related, theme=theme, decided_by=actor
    )
    audit.record(
        actor=actor,
        action="needs.linked" if related else "needs.not_linked",
        obj=link,
        changes={"theme": {"from": None, "to": theme.name if theme else None}},
    )
    return link
