"""Decision rounds: setting up, opening, ballots, closing and counting, and importing a pabulib
election.

Each function takes keyword-only arguments, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.partners.models import User

from .. import access, budgeting
from ..models import (
    Ballot,
    BallotType,
    DecisionRound,
    Electorate,
    Initiative,
    Proposal,
    ProposalStatus,
    RoundStatus,
)
from .presenters import round_problems
from .selectors import round_election


@transaction.atomic
def round_create(
    *,
    actor: User,
    name: str,
    budget: int,
    ballot_type: str,
    rule: str,
    electorate: str,
    proposals: Any,
    max_points: int = 10,
    weights: dict[str, str] | None = None,
) -> DecisionRound:
    if not access.is_partnership_admin(actor):
        raise ServiceError("Only partnership admins set up decision rounds.")
    chosen = list(proposals)
    failing = [p.title for p in chosen if p.status != ProposalStatus.PASSED]
    if failing:
        raise ServiceError(
            "Only proposals that passed the values gate can go to a round: " + ", ".join(failing),
            field="proposals",
        )
    if not chosen:
        raise ServiceError("Choose at least one proposal.", field="proposals")
    if rule == "phragmen" and ballot_type != BallotType.APPROVAL:
        raise ServiceError("Sequential Phragmén works with approval ballots only.", field="rule")
    decision_round = DecisionRound.objects.create(
        name=name,
        slug=unique_slug(DecisionRound, name, fallback="round"),
        budget=budget,
        ballot_type=ballot_type,
        max_points=max_points,
        rule=rule,
        electorate=electorate,
        weights=weights or {},
        created_by=actor,
    )
    decision_round.proposals.set(chosen)
    audit.record(
        actor=actor,
        action="round.created",
        obj=decision_round,
        changes=audit.diff(
            {},
            {"budget": budget, "rule": rule, "ballot_type": ballot_type, "electorate": electorate},
        ),
    )
    return decision_round


@transaction.atomic
def round_open(*, actor: User, decision_round: DecisionRound) -> DecisionRound:
    """Open for votes. From now on the rule, budget, ballot and proposals are frozen."""
    decision_round = DecisionRound.objects.select_for_update().get(pk=decision_round.pk)
    if not access.is_partnership_admin(actor):
        raise ServiceError("Only partnership admins open rounds.")
    if decision_round.status != RoundStatus.DRAFT:
        raise ServiceError("This round has already been opened.")
    problems = round_problems(decision_round.budget, list(decision_round.proposals.all()))
    if problems:
        raise ServiceError("The round cannot open yet. " + " ".join(problems))
    decision_round.status = RoundStatus.OPEN
    decision_round.opened_at = timezone.now()
    decision_round.save(update_fields=["status", "opened_at"])
    audit.record(
        actor=actor,
        action="round.opened",
        obj=decision_round,
        changes={"status": {"from": RoundStatus.DRAFT, "to": RoundStatus.OPEN}},
    )
    return decision_round


@transaction.atomic
def ballot_cast(
    *, voter: User, decision_round: DecisionRound, choices: dict[int, int], interests: str = ""
) -> Ballot:
    """Record or replace a person's ballot while the round is open."""
    decision_round = DecisionRound.objects.select_for_update().get(pk=decision_round.pk)
    if decision_round.status != RoundStatus.OPEN:
        raise ServiceError("Voting is not open in this round.")
    eligible, organisation = access.voter_eligibility(voter, decision_round)
    if not eligible:
        raise ServiceError(
            f"Only {decision_round.get_electorate_display().lower()} vote in this round."
        )
    allowed = set(decision_round.proposals.values_list("id", flat=True))
    chosen = {int(p): int(points) for p, points in choices.items() if int(points) != 0}
    if set(chosen) - allowed:
        raise ServiceError("Vote only for the proposals in this round.", field="choices")
    if not chosen:
        raise ServiceError("Choose at least one proposal.", field="choices")
    if decision_round.ballot_type == BallotType.APPROVAL:
        chosen = dict.fromkeys(chosen, 1)
    elif decision_round.ballot_type == BallotType.RANKING:
        ranks = sorted(chosen.values())
        if ranks != list(range(1, len(ranks) + 1)):
            raise ServiceError(
                "Number your choices 1, 2, 3 and so on, using each number once.", field="choices"
            )
    else:
        if any(points < 0 for points in chosen.values()):
            raise ServiceError("Points cannot be negative.", field="choices")
        total = sum(chosen.values())
        if total > decision_round.max_points:
            raise ServiceError(
                f"You gave {total} points; you have {decision_round.max_points} to share.",
                field="choices",
            )
    ballot, created = Ballot.objects.update_or_create(
        round=decision_round,
        voter=voter,
        defaults={
            "organisation": organisation,
            "choices": {str(p): v for p, v in sorted(chosen.items())},
            "interests": interests.strip(),
            "cast_at": timezone.now(),
        },
    )
    audit.record(
        actor=voter,
        action="ballot.cast" if created else "ballot.changed",
        obj=decision_round,
        organisation=organisation,
        changes={"ballot": dict(audit.REDACTED)},  # votes are secret
    )
    return ballot


def _outcome(election: budgeting.Election, rule: str) -> budgeting.Outcome:
    """Approval ballots count each funded project at its cost; points ballots by the points."""
    satisfaction = "points" if election.vote_type in ("cumulative", "ordinal") else "cost"
    completion = "add1" if rule == "equal-shares" else None
    return budgeting.run(
        election, rule, completion=completion, satisfaction=satisfaction, currency="£"
    )


@transaction.atomic
def round_close(*, actor: User, decision_round: DecisionRound) -> DecisionRound:
    """Close voting and count. Irreversible; the result is stored with the round."""
    decision_round = DecisionRound.objects.select_for_update().get(pk=decision_round.pk)
    if not access.is_partnership_admin(actor):
        raise ServiceError("Only partnership admins close rounds.")
    if decision_round.status != RoundStatus.OPEN:
        raise ServiceError("Only an open round can be closed.")
    election = round_election(decision_round)
    outcome = _outcome(election, decision_round.rule)
    others = {
        rule: sorted(_outcome(election, rule).selected, key=int)
        for rule in ("equal-shares", "greedy", "phragmen")
        if rule != decision_round.rule and (rule != "phragmen" or election.vote_type == "approval")
    }
    votes: dict[str, int] = defaultdict(int)
    for ballot in election.ballots:
        for index, project_id in enumerate(ballot.projects):
            # Points for points ballots; otherwise the number of voters who chose or ranked it.
            votes[project_id] += int(ballot.points[index]) if ballot.points else 1
    decision_round.result = {
        "selected": outcome.selected,
        "total_cost": int(outcome.total_cost),
        "ballots": len(election.ballots),
        "projects": {
            r.id: {"funded": r.funded, "reason": r.reason, "votes": votes.get(r.id, 0)}
            for r in outcome.results.values()
        },
        "other_rules": others,
    }
    decision_round.status = RoundStatus.CLOSED
    decision_round.closed_at = timezone.now()
    decision_round.save(update_fields=["result", "status", "closed_at"])
    # Funded proposals become initiatives to follow through.
    for proposal in decision_round.proposals.filter(pk__in=[int(p) for p in outcome.selected]):
        Initiative.objects.get_or_create(
            proposal=proposal,
            defaults={
                "decision_round": decision_round,
                "owner": proposal.created_by,
                "allocated": proposal.cost,
            },
        )
    audit.record(
        actor=actor,
        action="round.closed",
        obj=decision_round,
        changes={
            "status": {"from": RoundStatus.OPEN, "to": RoundStatus.CLOSED},
            "selected": {"from": None, "to": outcome.selected},
        },
    )
    return decision_round


MAX_AMOUNT = 2_147_483_647  # the largest budget or cost every supported database holds


@transaction.atomic
def round_import(*, actor: User, name: str, text: str, source: str, rule: str) -> DecisionRound:
    """Import a pabulib election as an open round: its projects become proposals and its votes
    anonymous ballots, ready to be counted by closing the round. Nothing is written on error."""
    if not access.is_partnership_admin(actor):
        raise ServiceError("Only partnership admins import rounds.")
    try:
        election = budgeting.loads(text, source=source)
    except budgeting.PabulibError as error:
        raise ServiceError(str(error), field="file") from None
    kinds = {
        "approval": BallotType.APPROVAL,
        "choose-1": BallotType.APPROVAL,
        "cumulative": BallotType.CUMULATIVE,
        "ordinal": BallotType.RANKING,
    }
    if election.vote_type not in kinds:
        raise ServiceError(
            f"{source}: {election.vote_type} ballots cannot be imported as a round yet; "
            "use approval, choose-1, cumulative or ordinal.",
            field="file",
        )
    if election.budget.denominator != 1 or any(
        p.cost.denominator != 1 for p in election.projects.values()
    ):
        raise ServiceError(f"{source}: the budget and costs must be whole amounts.", field="file")
    if election.budget > MAX_AMOUNT or any(p.cost > MAX_AMOUNT for p in election.projects.values()):
        raise ServiceError(
            f"{source}: the budget and costs must be at most {MAX_AMOUNT:,}.", field="file"
        )
    if not election.projects:
        raise ServiceError(f"{source}: the file has no projects.", field="file")
    if any(b.weight != 1 for b in election.ballots):
        raise ServiceError(
            f"{source}: weighted ballots cannot be imported as a round; each ballot counts once.",
            field="file",
        )
    if any(p.denominator != 1 for b in election.ballots for p in b.points or ()):
        raise ServiceError(f"{source}: points must be whole numbers.", field="file")
    ballot_type = kinds[election.vote_type]
    if rule == "phragmen" and ballot_type != BallotType.APPROVAL:
        raise ServiceError("Sequential Phragmén works with approval ballots only.", field="rule")
    proposals = {}
    for project in election.projects.values():
        proposal = Proposal.objects.create(
            title=(project.extra.get("name") or f"Project {project.id}")[:200],
            problem=f"Imported from {source} (project {project.id}).",
            cost=int(project.cost),
            measures="Imported: set measures when funded.",
            status=ProposalStatus.PASSED,
            created_by=actor,
        )
        proposals[project.id] = proposal
    # pabulib.loads has checked that max_sum_points, where given, is a number.
    max_points = int(Fraction(election.meta.get("max_sum_points") or 0)) or max(
        (int(sum(b.points or ())) for b in election.ballots), default=10
    )
    decision_round = DecisionRound.objects.create(
        name=name,
        slug=unique_slug(DecisionRound, name, fallback="round"),
        budget=int(election.budget),
        ballot_type=ballot_type,
        max_points=min(max(max_points, 1), 32767),
        rule=rule,
        electorate=Electorate.REPRESENTATIVES,
        status=RoundStatus.OPEN,
        opened_at=timezone.now(),
        created_by=actor,
    )
    decision_round.proposals.set(proposals.values())
    Ballot.objects.bulk_create(
        Ballot(
            round=decision_round,
            voter=None,
            choices={
                str(proposals[p].pk): (
                    i + 1
                    if ballot_type == BallotType.RANKING
                    else int(b.points[i])
                    if b.points
                    else 1
                )
                for i, p in enumerate(b.projects)
            },
        )
        for b in election.ballots
    )
    audit.record(
        actor=actor,
        action="round.imported",
        obj=decision_round,
        changes={
            "source": {"from": None, "to": source},
            "ballots": {"from": None, "to": len(election.ballots)},
        },
    )
    return decision_round
