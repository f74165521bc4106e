"""What the initiatives pages show: status tags, measures against their targets, the actions an
initiative offers (no database access)."""

from __future__ import annotations

from typing import Any

from ..models import Initiative, InitiativeStatus
from ..rounds.presenters import pounds

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


def initiative_actions(
    initiative: Initiative, *, manages: bool, administers: bool
) -> dict[str, bool]:
    """While an initiative runs, its managers change its measures and partnership admins review
    it; a stopped initiative offers neither."""
    active = initiative.status == InitiativeStatus.ACTIVE
    return {"can_change_measures": manages and active, "can_review": administers and active}
