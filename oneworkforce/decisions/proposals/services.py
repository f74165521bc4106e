"""The partnership's values, and proposals through the values gate.

Each workflow takes keyword-only arguments, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import User

from .. import access
from ..models import (
    PartnershipValue,
    Proposal,
    ProposalReview,
    ProposalStatus,
    RoundStatus,
    ValueReview,
)
from . import selectors


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
    proposing = selectors.works_for(actor)
    proposal = Proposal.objects.create(
        title=title,
        problem=problem,
        cost=cost,
        measures=measures,
        risks=risks,
        organisation=proposing[0] if proposing else None,
        created_by=actor,
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
    """The values gate, from the independent reviews made so far.

    Not passed as soon as the required number of reviewers have reviewed and any of them found
    that the proposal does not meet a value. Passed when at least the required number found that
    it meets every value and they come from at least the required number of sectors. Otherwise
    still in review (for example, waiting for a reviewer from another sector).
    """
    values = set(PartnershipValue.objects.filter(is_active=True).values_list("id", flat=True))
    reviews = list(proposal.panel.prefetch_related("verdicts"))
    complete = [r for r in reviews if values <= {v.value_id for v in r.verdicts.all()}]
    needed = settings.DECISIONS_REVIEWERS
    if not values or len(complete) < needed:
        return ProposalStatus.IN_REVIEW
    meets = [r for r in complete if all(v.passes for v in r.verdicts.all() if v.value_id in values)]
    if len(meets) < len(complete):
        return ProposalStatus.NOT_PASSED
    if len({r.sector for r in meets if r.sector}) >= settings.DECISIONS_REVIEWER_SECTORS:
        return ProposalStatus.PASSED
    return ProposalStatus.IN_REVIEW


@transaction.atomic
def proposal_review(
    *,
    actor: User,
    proposal: Proposal,
    verdicts: dict[PartnershipValue, tuple[bool, str]],
    interests: str = "",
) -> ProposalReview:
    """Record one reviewer's judgement against every active value, each with its reason, and
    any conflict of interest they declare. Nothing is written when any part is refused."""
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=proposal.pk)
    )
    organisations = selectors.works_for(actor)
    refusal = access.review_refusal(actor, proposal, {o.pk for o in organisations})
    if refusal:
        raise ServiceError(refusal)
    if proposal.rounds.exclude(status=RoundStatus.DRAFT).exists():
        raise ServiceError("This proposal is already in a decision round.")
    if proposal.status != ProposalStatus.IN_REVIEW:
        raise ServiceError(
            "The values gate has been decided for this proposal: "
            f"{proposal.get_status_display().lower()}."
        )
    if proposal.panel.filter(reviewer=actor).exists():
        raise ServiceError("You have already reviewed this proposal.")
    values = list(PartnershipValue.objects.filter(is_active=True))
    for value in values:
        if value not in verdicts:
            raise ServiceError(f"Say whether it meets “{value.name}”.", field=f"passes_{value.pk}")
        if not (verdicts[value][1] or "").strip():
            raise ServiceError(f"Give a reason for “{value.name}”.", field=f"reason_{value.pk}")
    organisation = organisations[0] if organisations else None
    review = ProposalReview.objects.create(
        proposal=proposal,
        reviewer=actor,
        organisation=organisation,
        sector=organisation.sector if organisation else "",
        interests=interests.strip(),
    )
    ValueReview.objects.bulk_create(
        ValueReview(
            proposal=proposal,
            review=review,
            value=value,
            reviewer=actor,
            passes=verdicts[value][0],
            reason=verdicts[value][1].strip(),
            at=review.at,
        )
        for value in values
    )
    before = proposal.status
    proposal.status = gate_status(proposal)
    proposal.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="proposal.reviewed",
        obj=proposal,
        changes={
            **{
                f"value:{value.name}": {"from": None, "to": "yes" if verdicts[value][0] else "no"}
                for value in values
            },
            **({"interests": {"from": None, "to": "declared"}} if review.interests else {}),
            **(
                {"status": {"from": before, "to": proposal.status}}
                if before != proposal.status
                else {}
            ),
        },
    )
    return review
