"""Decision workflows: needs, values, proposals through the values gate, rounds and ballots.

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
from oneworkforce.partners.choices import Role
from oneworkforce.partners.models import Faculty, User

from . import budgeting
from .models import (
    Ballot,
    BallotType,
    DecisionRound,
    Electorate,
    Initiative,
    InitiativeReview,
    InitiativeStatus,
    Measure,
    Need,
    NeedLink,
    PartnershipValue,
    Proposal,
    ProposalStatus,
    ReviewDecision,
    RoundStatus,
    Theme,
    ValueReview,
)


def can_lead_faculty(user: User, faculty: Faculty | None = None) -> bool:
    if user.is_partnership_admin:
        return True
    return any(
        g.role == Role.FACULTY_LEAD and (faculty is None or g.faculty_id == faculty.pk)
        for g in user._active_grants()
    )


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
    if not can_lead_faculty(actor, faculty):
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
def value_save(
    *,
    actor: User,
    name: str,
    question: str,
    position: int = 0,
    value: PartnershipValue | None = None,
) -> PartnershipValue:
    if not actor.is_partnership_admin:
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
    if not can_lead_faculty(actor):
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
    if not can_lead_faculty(actor):
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
    if not actor.is_partnership_admin:
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
    if not actor.is_partnership_admin:
        raise ServiceError("Only partnership admins open rounds.")
    if decision_round.status != RoundStatus.DRAFT:
        raise ServiceError("This round has already been opened.")
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


@transaction.atomic
def ballot_cast(*, voter: User, decision_round: DecisionRound, choices: dict[int, int]) -> Ballot:
    """Record or replace a person's ballot while the round is open."""
    decision_round = DecisionRound.objects.select_for_update().get(pk=decision_round.pk)
    if decision_round.status != RoundStatus.OPEN:
        raise ServiceError("Voting is not open in this round.")
    eligible, organisation = voter_eligibility(voter, decision_round)
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


def round_election(decision_round: DecisionRound) -> budgeting.Election:
    """The round as a pabulib election (voters anonymised by ballot number)."""
    proposals = list(decision_round.proposals.order_by("id"))
    meta = {
        "description": decision_round.name,
        "unit": "One Workforce",
        "num_projects": str(len(proposals)),
        "budget": str(decision_round.budget),
        "vote_type": decision_round.ballot_type,
        "rule": decision_round.rule,
        "currency": "GBP",
    }
    if decision_round.ballot_type == BallotType.CUMULATIVE:
        meta["max_sum_points"] = str(decision_round.max_points)
    ballots = []
    ranking = decision_round.ballot_type == BallotType.RANKING
    for n, ballot in enumerate(decision_round.ballots.order_by("id"), start=1):
        # Ranking ballots list proposals in order of preference; others by proposal id.
        items = sorted(
            ballot.choices.items(), key=(lambda kv: kv[1]) if ranking else (lambda kv: int(kv[0]))
        )
        points = (
            tuple(Fraction(v) for _, v in items)
            if decision_round.ballot_type == BallotType.CUMULATIVE
            else None
        )
        weight = Fraction(decision_round.weights.get(str(ballot.organisation_id), "1"))
        ballots.append(
            budgeting.Ballot(
                voter_id=str(n), projects=tuple(p for p, _ in items), points=points, weight=weight
            )
        )
    meta["num_votes"] = str(len(ballots))
    return budgeting.Election(
        meta=meta,
        projects={
            str(p.pk): budgeting.Project(str(p.pk), Fraction(p.cost), extra={"name": p.title})
            for p in proposals
        },
        ballots=ballots,
    )


def _outcome(election: budgeting.Election, rule: str) -> budgeting.Outcome:
    """Approval ballots count each funded project at its cost; points ballots by the points."""
    satisfaction = "points" if election.vote_type in ("cumulative", "ordinal") else "cost"
    completion = "add1" if rule == "equal-shares" else None
    return budgeting.run(election, rule, completion=completion, satisfaction=satisfaction)


@transaction.atomic
def round_close(*, actor: User, decision_round: DecisionRound) -> DecisionRound:
    """Close voting and count. Irreversible; the result is stored with the round."""
    decision_round = DecisionRound.objects.select_for_update().get(pk=decision_round.pk)
    if not actor.is_partnership_admin:
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


def can_manage_initiative(user: User, initiative: Initiative) -> bool:
    return user.is_partnership_admin or (
        initiative.owner_id is not None and initiative.owner_id == user.pk
    )


@transaction.atomic
def measure_add(
    *, actor: User, initiative: Initiative, name: str, baseline: Any, target: Any
) -> Measure:
    if not can_manage_initiative(actor, initiative):
        raise ServiceError("Only the initiative's owner or a partnership admin can add measures.")
    measure = Measure.objects.create(
        initiative=initiative, name=name, baseline=baseline, target=target
    )
    audit.record(
        actor=actor,
        action="measure.added",
        obj=measure,
        changes=audit.diff({}, audit.snapshot(measure, ("name", "baseline", "target"))),
    )
    return measure


@transaction.atomic
def measure_record(*, actor: User, measure: Measure, checkpoint: int, value: Any) -> Measure:
    if not can_manage_initiative(actor, measure.initiative):
        raise ServiceError(
            "Only the initiative's owner or a partnership admin can record measures."
        )
    if checkpoint not in (30, 60, 90, 365):
        raise ServiceError("Choose 30, 60 or 90 days or 12 months.", field="checkpoint")
    field = f"value_{checkpoint}"
    before = audit.snapshot(measure, (field,))
    setattr(measure, field, value)
    measure.save(update_fields=[field])
    audit.record(
        actor=actor,
        action="measure.recorded",
        obj=measure,
        changes=audit.diff(before, audit.snapshot(measure, (field,))),
    )
    return measure


@transaction.atomic
def initiative_review(
    *, actor: User, initiative: Initiative, checkpoint: int, decision: str, reason: str, spent: int
) -> InitiativeReview:
    """Record a review. Stopping ends the initiative and gives the unspent money back."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not actor.is_partnership_admin:
        raise ServiceError("Only partnership admins review initiatives.")
    if initiative.status != InitiativeStatus.ACTIVE:
        raise ServiceError("This initiative has been stopped.")
    if initiative.reviews.filter(checkpoint=checkpoint).exists():
        raise ServiceError("This checkpoint has already been reviewed.", field="checkpoint")
    if not 0 <= spent <= initiative.allocated:
        raise ServiceError(
            f"Spending must be between £0 and the £{initiative.allocated:,} allocated.",
            field="spent",
        )
    review = InitiativeReview.objects.create(
        initiative=initiative,
        checkpoint=checkpoint,
        decision=decision,
        reason=reason,
        reviewer=actor,
    )
    before = audit.snapshot(initiative, ("spent", "status", "returned"))
    initiative.spent = spent
    if decision == ReviewDecision.STOP:
        initiative.status = InitiativeStatus.STOPPED
        initiative.returned = initiative.allocated - spent
    initiative.save(update_fields=["spent", "status", "returned"])
    audit.record(
        actor=actor,
        action="initiative.reviewed",
        obj=initiative,
        changes={
            "checkpoint": {"from": None, "to": checkpoint},
            "decision": {"from": None, "to": decision},
            **audit.diff(before, audit.snapshot(initiative, ("spent", "status", "returned"))),
        },
    )
    return review


def pool_returned() -> int:
    """Money given back by stopped initiatives, available to a future round."""
    return sum(
        Initiative.objects.filter(status=InitiativeStatus.STOPPED).values_list(
            "returned", flat=True
        )
    )


@transaction.atomic
def need_pair_decide(
    *, actor: User, first: Need, second: Need, related: bool, theme_name: str = ""
) -> NeedLink:
    """Confirm that two needs share a theme (both get it) or reject the suggestion for good."""
    if not can_lead_faculty(actor):
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


MAX_AMOUNT = 2_147_483_647  # the largest budget or cost every supported database holds


@transaction.atomic
def round_import(*, actor: User, name: str, text: str, source: str, rule: str) -> DecisionRound:
    """Import a pabulib election as an open round: its projects become proposals and its votes
    anonymous ballots, ready to be counted by closing the round. Nothing is written on error."""
    if not actor.is_partnership_admin:
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
