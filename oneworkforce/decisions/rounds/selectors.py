"""Reads for the rounds pages and the API."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from oneworkforce.partners.models import Organisation, User

from .. import budgeting
from ..models import Ballot, BallotType, DecisionRound


def rounds() -> QuerySet[DecisionRound]:
    return DecisionRound.objects.all()


def round_for(*, slug: str, status: str | None = None) -> DecisionRound:
    """The round with this address, in this status if one is named; otherwise 404."""
    found = DecisionRound.objects.filter(status=status) if status else DecisionRound.objects
    return get_object_or_404(found, slug=slug)


def find_round(*, slug: str) -> DecisionRound | None:
    return DecisionRound.objects.filter(slug=slug).first()


def ballot_of(*, voter: User, decision_round: DecisionRound) -> Ballot | None:
    return decision_round.ballots.filter(voter=voter).first()


def declared_interests(decision_round: DecisionRound) -> list[dict[str, str]]:
    """The conflicts of interest voters declared, with who declared them (never their vote)."""
    return [
        {
            "who": ballot.voter.display_name if ballot.voter else "A former voter",
            "partner": ballot.organisation.name if ballot.organisation else "",
            "interests": ballot.interests,
        }
        for ballot in decision_round.ballots.exclude(interests="")
        .select_related("voter", "organisation")
        .order_by("cast_at")
    ]


def round_results(decision_round: DecisionRound) -> dict[str, Any]:
    """Rows per proposal, and the share of the budget reaching each faculty and sector."""
    result = decision_round.result
    proposals = {
        str(p.pk): p
        for p in decision_round.proposals.prefetch_related("needs__faculty", "organisations")
    }
    rows = []
    by_faculty: dict[str, int] = defaultdict(int)
    by_sector: dict[str, int] = defaultdict(int)
    for project_id in sorted(
        proposals, key=lambda p: (-result["projects"][p]["votes"], proposals[p].title)
    ):
        proposal, outcome = proposals[project_id], result["projects"][project_id]
        rows.append({"proposal": proposal, **outcome})
        if outcome["funded"]:
            for faculty in proposal.faculties:
                by_faculty[faculty.name] += proposal.cost
            for sector in {o.get_sector_display() for o in proposal.organisations.all()}:
                by_sector[sector] += proposal.cost
    titles = {pid: proposals[pid].title for pid in proposals}
    return {
        "rows": rows,
        "by_faculty": sorted(by_faculty.items(), key=lambda kv: -kv[1]),
        "by_sector": sorted(by_sector.items(), key=lambda kv: -kv[1]),
        "other_rules": {
            rule: [titles[p] for p in selected] for rule, selected in result["other_rules"].items()
        },
    }


def round_weights(decision_round: DecisionRound) -> str:
    """Plain words for the round's voting weights."""
    if not decision_round.weights:
        return "Every voter counts the same"
    names = dict(
        Organisation.objects.filter(pk__in=[int(k) for k in decision_round.weights]).values_list(
            "pk", "name"
        )
    )
    parts = [f"{names.get(int(k), 'a partner')}: {v}" for k, v in decision_round.weights.items()]
    return "; ".join(sorted(parts)) + "; everyone else 1"


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
