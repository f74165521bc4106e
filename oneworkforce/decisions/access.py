"""Who may do what in decisions: the rules as predicates, and the view decorators built on them.

Views, services and the API all ask these, so a rule is written once.
"""

from __future__ import annotations

from typing import Any

from oneworkforce.core.permissions import requires
from oneworkforce.partners.choices import Role
from oneworkforce.partners.models import Faculty, User

from .models import DecisionRound, Electorate, Initiative, Proposal


def is_partnership_admin(user: User) -> bool:
    """Partnership admins set the values, set up, open, close, import and export rounds, and
    review initiatives."""
    return user.is_partnership_admin


def can_lead_faculty(user: User, faculty: Faculty | None = None) -> bool:
    """Leads of the faculty (of any faculty, when none is named) and partnership admins record
    needs, group them into themes, make and review proposals."""
    if user.is_partnership_admin:
        return True
    return any(
        g.role == Role.FACULTY_LEAD and (faculty is None or g.faculty_id == faculty.pk)
        for g in user._active_grants()
    )


def review_refusal(user: User, proposal: Proposal, works_for: set[int]) -> str | None:
    """Why this person may not review this proposal against the values, or None if they may.

    The gate needs reviewers independent of the proposal: not its author, and nobody from the
    partner that proposes it (``works_for`` holds the ids of the partners the person works for).
    """
    if not can_lead_faculty(user):
        return "Only faculty leads and partnership admins review proposals."
    if proposal.created_by_id is not None and proposal.created_by_id == user.pk:
        return (
            "You wrote this proposal, so you cannot review it: the values gate needs reviewers "
            "who are independent of it."
        )
    if proposal.organisation_id is not None and proposal.organisation_id in works_for:
        return (
            f"You work for {proposal.organisation}, which made this proposal, so you cannot "
            "review it: the values gate needs reviewers from other partners."
        )
    return None


def can_manage_initiative(user: User, initiative: Initiative) -> bool:
    """The initiative's owner and partnership admins add and record its measures."""
    return user.is_partnership_admin or (
        initiative.owner_id is not None and initiative.owner_id == user.pk
    )


def voter_eligibility(user: User, decision_round: DecisionRound) -> tuple[bool, Any]:
    """Whether a person may vote in this round, and the partner they vote for (if any)."""
    if not user.is_authenticated:
        return False, None
    if decision_round.electorate == Electorate.REPRESENTATIVES:
        grant = user.role_grants.active().filter(role=Role.PARTNER_REPRESENTATIVE).first()
        return grant is not None, grant.organisation if grant else None
    if decision_round.electorate == Electorate.FACULTY_PANELS:
        return user.role_grants.active().filter(role=Role.FACULTY_LEAD).exists(), None
    affiliation = (
        user.affiliations.filter(status="confirmed").select_related("organisation").first()
    )
    return affiliation is not None, affiliation.organisation if affiliation else None


def may_vote(user: User, decision_round: DecisionRound) -> bool:
    return voter_eligibility(user, decision_round)[0]


# Faculty leads (of any faculty) and partnership admins.
faculty_lead = requires(can_lead_faculty, "faculty_lead")
