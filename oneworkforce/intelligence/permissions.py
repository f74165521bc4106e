"""Who may do what in workforce intelligence.

* National figures and indicators are official statistics: open to everyone.
* Partners' local figures (vacancies, exit reasons, social care workforce) are shared inside the
  partnership: any signed-in person sees them; a partner's admins and analysts, and partnership
  admins and partnership-wide analysts, record them for that partner.
* Planners (partnership admins, analysts, partner admins) import national files (partnership
  admins and partnership-wide analysts only), see import provenance and build scenarios.
"""

from __future__ import annotations

from typing import Any

from oneworkforce.core.permissions import requires
from oneworkforce.partners.choices import Role


def is_partnership_analyst(user: Any) -> bool:
    """Partnership admins and analysts whose grant is not limited to one organisation."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_partnership_admin:
        return True
    return any(g.role == Role.ANALYST and g.organisation_id is None for g in user._active_grants())


def is_planner(user: Any) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(
        user.is_partnership_admin
        or user.has_role(Role.ANALYST)
        or user.administered_organisation_ids
    )


def records_for(user: Any, organisation: Any) -> bool:
    """May ``user`` record local figures for ``organisation``?"""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(
        user.administers(organisation) or user.has_role(Role.ANALYST, organisation=organisation)
    )


def recordable_organisation_ids(user: Any) -> set[int] | None:
    """Organisations the user may record for; ``None`` means every one."""
    if is_partnership_analyst(user):
        return None
    ids = set(user.administered_organisation_ids)
    ids |= {
        g.organisation_id
        for g in user._active_grants()
        if g.role == Role.ANALYST and g.organisation_id is not None
    }
    return ids


def can_edit(user: Any, scenario: Any) -> bool:
    """May ``user`` change ``scenario``? Planners change their own; partnership admins any."""
    return bool(
        user.is_authenticated
        and is_planner(user)
        and (scenario.created_by_id == user.pk or user.is_partnership_admin)
    )


planner = requires(is_planner, "planner")
partnership_analyst = requires(is_partnership_analyst, "partnership_analyst")
