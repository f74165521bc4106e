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


STATUS_TAG = {
    "active": ("Running", "nhsuk-tag--blue"),
    "stopped": ("Stopped", "nhsuk-tag--grey"),
}
DECISION_TAG = {
    "continue": "nhsuk-tag--green",
    "scale_up": "nhsuk-tag--green",
    "change": "nhsuk-tag--yellow",
    "stop": "nhsuk-tag--red",
}


def initiative_rows(initiatives: Any) -> list[dict[str, Any]]:
    rows = []
    for item in initiatives:
        reviews = list(item.reviews.all())
        latest = reviews[-1] if reviews else None
        text, classes = STATUS_TAG[item.status]
        rows.append(
            {
                "initiative": item,
                "status": {"text": text, "classes": classes},
                "latest": (
                    {
                        "text": f"{latest.get_checkpoint_display()}: "
                        f"{latest.get_decision_display()}",
                        "classes": DECISION_TAG[latest.decision],
                    }
                    if latest
                    else None
                ),
                "spent": pounds(item.spent),
                "allocated": pounds(item.allocated),
            }
        )
    return rows


def _number(value: Any) -> str:
    if value is None:
        return "Not yet"
    return f"{value.normalize():,f}" if hasattr(value, "normalize") else str(value)


def measure_rows(measures: Any) -> list[dict[str, Any]]:
    rows = []
    for measure in measures:
        progress = [measure.progress_at(c) for c in (30, 60, 90, 365)]
        known = [p for p in progress if p is not None]
        rows.append(
            {
                "measure": measure,
                "cells": [_number(measure.baseline), _number(measure.target)]
                + [_number(measure.value_at(c)) for c in (30, 60, 90, 365)],
                "latest_progress": round(100 * known[-1]) if known else None,
            }
        )
    return rows


def sector_names(codes: list[str]) -> str:
    from oneworkforce.partners.choices import Sector

    labels = dict(Sector.choices)
    return ", ".join(labels.get(code, code) for code in codes)


def need_evidence(needs: Any) -> dict[int, list[dict[str, Any]]]:
    """Published figures for each need's affected partners that have an ODS code: the leaver
    rate for the need's staff group (or all staff) and the sickness absence rate, each against
    the partner's peers (workforce intelligence's latest imported month)."""
    from oneworkforce.intelligence import indicators
    from oneworkforce.intelligence.presenters import POSITION_TEXT

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
