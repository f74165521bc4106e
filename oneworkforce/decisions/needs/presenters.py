"""What the needs pages show: sector names and the published figures behind each need."""

from __future__ import annotations

from typing import Any

from oneworkforce.intelligence.statistics import selectors as indicators
from oneworkforce.intelligence.statistics.presenters import POSITION_TEXT
from oneworkforce.partners.choices import Sector


def sector_names(codes: list[str]) -> str:
    labels = dict(Sector.choices)
    return ", ".join(labels.get(code, code) for code in codes)


def need_evidence(needs: Any) -> dict[int, list[dict[str, Any]]]:
    """Published figures for each need's affected partners that have an ODS code: the leaver
    rate for the need's staff group (or all staff) and the sickness absence rate, each against
    the partner's peers (workforce intelligence's latest imported month)."""
    periods = indicators.turnover_periods()
    months = indicators.sickness_months()
    turnover_cache: dict[str, Any] = {}
    sickness = indicators.sickness_comparisons(months[0]) if months else {}
    evidence: dict[int, list[dict[str, Any]]] = {}
    for need in needs:
        rows = []
        group = need.staff_group or "All staff groups"
        for organisation in need.organisations.all():
            code = organisation.ods_code.upper()
            if not code:
                continue
            if periods and group not in turnover_cache:
                turnover_cache[group] = indicators.turnover_comparisons(
                    periods[0], group, "leavers"
                )
            found = [
                (
                    f"Leaver rate, {group.lower() if group == 'All staff groups' else group}, "
                    f"{periods[0]:%B %Y}"
                    if periods
                    else "",
                    turnover_cache.get(group, {}).get(code),
                ),
                (f"Sickness absence, {months[0]:%B %Y}" if months else "", sickness.get(code)),
            ]
            for label, comparison in found:
                if comparison is None or comparison.value is None:
                    continue
                rows.append(
                    {
                        "organisation": organisation.name,
                        "code": code,
                        "label": label,
                        "value": comparison.value,
                        "median": comparison.peers.median if comparison.peers else None,
                        "position": POSITION_TEXT[comparison.position],
                        "outlier": comparison.outlier,
                    }
                )
        evidence[need.pk] = rows
    return evidence
