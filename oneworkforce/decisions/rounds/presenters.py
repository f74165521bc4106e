"""What the rounds pages show: result tables, budget shares, the actions a round offers (no
database access)."""

from __future__ import annotations

from typing import Any

from ..models import BallotType, DecisionRound, RoundStatus

RULE_NAMES = {
    "equal-shares": "Method of Equal Shares",
    "greedy": "Greedy by votes",
    "phragmen": "Sequential Phragmén",
}


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


def result_table(rows: list[dict[str, Any]]) -> list[list[dict[str, str]]]:
    return [
        [
            {"text": row["proposal"].title},
            {"text": pounds(row["proposal"].cost)},
            {"text": str(row["votes"])},
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
