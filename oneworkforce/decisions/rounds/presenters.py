"""What the rounds pages show: result tables, budget shares, the actions a round offers (no
database access)."""

from __future__ import annotations

from typing import Any

from ..models import BallotType, DecisionRound, RoundStatus

RULE_NAMES = {
    "equal-shares": "Equal shares of the budget (Method of Equal Shares)",
    "greedy": "Most votes first (greedy)",
    "phragmen": "Spread the cost evenly (Sequential Phragmén)",
}

RULE_EXPLAINED = {
    "equal-shares": (
        "The budget is split equally between the voters. A proposal is funded when the people "
        "who voted for it can pay for it together out of their shares; the proposal they can "
        "pay for at the lowest price each goes first. So a large group cannot take the whole "
        "budget, and smaller groups get something they want too. Any money left at the end is "
        "shared out by raising everyone's share a pound at a time while the result still fits."
    ),
    "greedy": (
        "Proposals are funded in order of their votes for each pound they cost, and any that no "
        "longer fits in what is left of the budget is skipped."
    ),
    "phragmen": (
        "Each funded proposal's cost is spread evenly over the people who voted for it. The next "
        "proposal funded is the one that keeps the most loaded voter's share lowest, so nobody's "
        "votes count for much more than anyone else's. Counting stops when the next proposal "
        "does not fit in what is left."
    ),
}


def round_problems(budget: int, proposals: list[Any]) -> list[str]:
    """Why a round could not be decided as it stands: each proposal costing more than the whole
    budget, and a round in which nothing at all could be funded."""
    if not proposals:
        return ["The round has no proposals."]
    too_dear = [p for p in proposals if p.cost > budget]
    problems = [
        f"“{p.title}” costs {pounds(p.cost)}, more than the whole budget of {pounds(budget)}: "
        "it could never be funded. Take it out of the round or raise the budget."
        for p in too_dear
    ]
    if len(too_dear) == len(proposals):
        problems.append(
            f"Nothing in this round can be funded: every proposal costs more than the "
            f"{pounds(budget)} budget."
        )
    return problems


def pounds(amount: int) -> str:
    return f"£{amount:,}"


def share_bars(items: list[tuple[str, int]], budget: int) -> list[dict[str, Any]]:
    """Bars for a horizontal bar chart: label, amount, share of the budget (0-100)."""
    return [
        {
            "label": label,
            "amount": pounds(amount),
            "percent": round(100 * amount / budget, 1) if budget else 0.0,
        }
        for label, amount in items
    ]


def result_table(rows: list[dict[str, Any]], *, unit: str = "vote") -> list[list[dict[str, str]]]:
    """One row per proposal; ``unit`` names what was counted ("vote" or "point")."""
    return [
        [
            {"text": row["proposal"].title},
            {"text": pounds(row["proposal"].cost)},
            {"text": f"{row['votes']:,} {unit}" + ("" if row["votes"] == 1 else "s")},
            {"text": "Funded" if row["funded"] else "Not funded"},
            {"text": row["reason"]},
        ]
        for row in rows
    ]


def round_actions(decision_round: DecisionRound, *, administers: bool) -> dict[str, bool]:
    """Which of the round's steps the page offers: voting while it is open, and to partnership
    admins opening a draft, closing an open round and downloading a closed round's votes."""
    status = decision_round.status
    return {
        "is_open": status == RoundStatus.OPEN,
        "can_open": administers and status == RoundStatus.DRAFT,
        "can_close": administers and status == RoundStatus.OPEN,
        "can_export": administers and status == RoundStatus.CLOSED,
    }


def vote_instructions(decision_round: DecisionRound) -> str:
    """How to fill in the ballot, for the round's kind of ballot."""
    if decision_round.ballot_type == BallotType.RANKING:
        return (
            "Number the proposals in order of preference: 1 for the one you want most. "
            "You do not have to rank them all."
        )
    if decision_round.ballot_type == BallotType.CUMULATIVE:
        return (
            f"Share up to {decision_round.max_points} points between the proposals. "
            "Give more points to what matters most to you."
        )
    return f"Choose every proposal you support. The budget is {pounds(decision_round.budget)}."
