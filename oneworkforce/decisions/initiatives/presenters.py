"""What the initiatives pages show: status tags, measures against their targets, the actions an
initiative offers (no database access)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from oneworkforce.core import formatting

from ..models import Checkpoint, Initiative, InitiativeStatus
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


def review_schedule(initiative: Initiative, reviews: list[Any], today: dt.date) -> list[dict]:
    """Each checkpoint's review: when it falls due, from when it can be recorded, and where it
    stands (done, overdue, open now or not yet), as a tag."""
    done = {r.checkpoint: r for r in reviews}
    rows = []
    for checkpoint in Checkpoint:
        due, opens = initiative.review_due(checkpoint), initiative.review_opens(checkpoint)
        if checkpoint in done:
            tag = {"text": "Done", "classes": "nhsuk-tag--green"}
        elif initiative.status != InitiativeStatus.ACTIVE:
            tag = {"text": "Not needed: stopped", "classes": "nhsuk-tag--grey"}
        elif today > due:
            days = (today - due).days
            tag = {
                "text": f"Overdue by {formatting.count(days, 'day')}",
                "classes": "nhsuk-tag--red",
            }
        elif today >= opens:
            tag = {"text": "Open now", "classes": "nhsuk-tag--yellow"}
        else:
            tag = {"text": f"Opens {formatting.date(opens)}", "classes": "nhsuk-tag--grey"}
        rows.append(
            {
                "checkpoint": checkpoint.label,
                "due": formatting.date(due),
                "tag": tag,
                "overdue": tag["classes"] == "nhsuk-tag--red",
            }
        )
    return rows


def next_review(initiative: Initiative, reviews: list[Any], today: dt.date) -> dict | None:
    """The first checkpoint not yet reviewed, with its due date and tag; None when there is none
    or the initiative has stopped."""
    if initiative.status != InitiativeStatus.ACTIVE:
        return None
    for row in review_schedule(initiative, reviews, today):
        if row["tag"]["text"] != "Done":
            return row
    return None


def initiative_rows(initiatives: Any, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for item in initiatives:
        reviews = list(item.reviews.all())
        latest = reviews[-1] if reviews else None
        text, classes = STATUS_TAG[item.status]
        rows.append(
            {
                "initiative": item,
                "next": next_review(item, reviews, today),
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
