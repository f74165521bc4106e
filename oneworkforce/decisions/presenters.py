"""Turn decision results into chart and table parameters (no database access)."""

from __future__ import annotations

from typing import Any

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
