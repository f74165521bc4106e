"""What the needs pages show: sector names and the published figures behind each need."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from oneworkforce.intelligence.statistics.presenters import POSITION_TEXT
from oneworkforce.partners.choices import Sector

from .selectors import NeedFigure


def sector_names(codes: list[str]) -> str:
    labels = dict(Sector.choices)
    return ", ".join(labels.get(code, code) for code in codes)


def figure_label(figure: NeedFigure) -> str:
    """ "Leaver rate, all staff groups, March 2025" or "Sickness absence, December 2024"."""
    if figure.measure == "leavers":
        group = figure.staff_group
        named = group.lower() if group == "All staff groups" else group
        return f"Leaver rate, {named}, {figure.month:%B %Y}"
    return f"Sickness absence, {figure.month:%B %Y}"


def need_evidence(
    need_ids: Iterable[int], figures: Iterable[NeedFigure]
) -> dict[int, list[dict[str, Any]]]:
    """The rows each need's evidence table shows, for every need listed: one per partner and
    measure with a published value, against the partner's peers."""
    evidence: dict[int, list[dict[str, Any]]] = {pk: [] for pk in need_ids}
    for figure in figures:
        rows = evidence.setdefault(figure.need_id, [])
        comparison = figure.comparison
        if comparison.value is None:
            continue
        rows.append(
            {
                "organisation": figure.organisation,
                "code": figure.code,
                "label": figure_label(figure),
                "value": comparison.value,
                "median": comparison.peers.median if comparison.peers else None,
                "position": POSITION_TEXT[comparison.position],
                "outlier": comparison.outlier,
            }
        )
    return evidence
