"""The partnership's values, and proposals through the values gate.

Each workflow takes keyword-only arguments, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import User

from .. import access
from ..models import PartnershipValue, Proposal, ProposalStatus, RoundStatus, ValueReview


@transaction.atomic
def value_save(
    *,
    actor: User,
    name: str,
    question: str,
    position: int = 0,
    value: PartnershipValue | None = None,
) -> PartnershipValue:
    if not access.is_partnership_admin(actor):
        raise ServiceError("Only partnership admins set the partnership's values.")
    created = value is None
    value = value or PartnershipValue()
    before = audit.snapshot_stored(value, ("name", "question", "position"))
    value.name, value.question, value.position = name, question, position
    value.save()
    audit.record(
        actor=actor,
        action="value.created" if created else "value.updated",
        obj=value,
        changes=audit.diff(before, audit.snapshot(value, ("name", "question", "position"))),
    )
    return value


@transaction.atomic
def proposal_create(
    *,
    actor: User,
    title: str,
    problem: str,
    cost: int,
    measures: str,
    risks: str = "",
    needs: Any = (),
    organisations: Any = (),
) -> Proposal:
    if not access.can_lead_faculty(actor):
        raise ServiceError("Only faculty leads and partnership admins can make proposals.")
    if cost <= 0:
        raise ServiceError("Enter a cost of at least £1.", field="cost")
    proposal = Proposal.objects.create(
        title=title, problem=problem, cost=cost, measures=measures, risks=risks, created_by=actor
    )
    proposal.needs.set(needs)
    proposal.organisations.set(organisations)
    audit.record(
        actor=actor,
        action="proposal.created",
        obj=proposal,
        changes={"title": {"from": None, "to": title}, "cost": {"from": None, "to": cost}},
    )
    return proposal


def gate_status(proposal: Proposal) -> str:
    """Passed when the latest review of every active value says yes; not passed as soon as the
    latest review of any value says no; otherwise still in review."""
    latest: dict[int, bool] = {}
    for review in proposal.reviews.order_by("at", "id"):
        latest[review.value_id] = review.passes
    values = list(PartnershipValue.objects.filter(is_active=True).values_list("id", flat=True))
    if any(latest.get(v) is False for v in values):
        return ProposalStatus.NOT_PASSED
    if values and all(latest.get(v) is True for v in values):
        return ProposalStatus.PASSED
    return ProposalStatus.IN_REVIEW


@transaction.atomic
def proposal_review(
    *, actor: User, proposal: Proposal, value: PartnershipValue, passes: bool, reason: str
) -> ValueReview:
    if not access.can_lead_faculty(actor):
        raise ServiceError("Only faculty leads and partnership admins review proposals.")
    if proposal.rounds.exclude(status=RoundStatus.DRAFT).exists():
        raise ServiceError("This proposal is already in a decision round.")
    review = ValueReview.objects.create(
        proposal=proposal, value=value, reviewer=actor, passes=passes, reason=reason
    )
    before = proposal.status
    proposal.status = gate_status(proposal)
    proposal.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="proposal.reviewed",
        obj=proposal,
        changes={
            f"value:{value.name}": {"from": None, "to": "yes" if passes else "no"},
            **(
                {"status": {"from": before, "to": proposal.status}}
                if before != proposal.status
                else {}
            ),
        },
    )
    return review
