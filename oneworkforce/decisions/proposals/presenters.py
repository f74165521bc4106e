"""What the proposal pages show: the values gate's progress and who reviewed what (no database
access)."""

from __future__ import annotations

from typing import Any

from oneworkforce.partners.choices import Sector

from ..models import ProposalStatus


def gate_progress(reviews: list[Any], *, status: str, needed: int, sectors_needed: int) -> str:
    """One sentence on where the proposal stands at the values gate."""
    sectors = {r.sector for r in reviews if r.sector}
    rule = (
        f"It needs {needed} independent reviewers from at least {sectors_needed} sectors, "
        "who all find that it meets every value."
    )
    if status == ProposalStatus.PASSED:
        return (
            f"Passed: {_count(len(reviews), 'reviewer')} from {_count(len(sectors), 'sector')} "
            "found that it meets every value."
        )
    if status == ProposalStatus.NOT_PASSED:
        return "Did not pass: a reviewer found that it does not meet every value. " + rule
    return f"{rule} So far: {_count(len(reviews), 'review')} from {_count(len(sectors), 'sector')}."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def panel(reviews: list[Any]) -> list[dict[str, Any]]:
    """Each review: who, for which partner and sector, when, each value's verdict and reason,
    and the conflicts of interest they declared."""
    rows = []
    for review in reviews:
        where = (
            f"{review.organisation.name} ({Sector(review.sector).label})"
            if review.organisation and review.sector in Sector.values
            else "No partner recorded"
        )
        rows.append(
            {
                "who": review.reviewer.display_name if review.reviewer else "A former reviewer",
                "where": where,
                "at": review.at,
                "verdicts": [
                    {
                        "value": v.value.name,
                        "verdict": "Meets it" if v.passes else "Does not meet it",
                        "reason": v.reason,
                    }
                    for v in review.verdicts.all()
                ],
                "interests": review.interests or "None declared",
            }
        )
    return rows
