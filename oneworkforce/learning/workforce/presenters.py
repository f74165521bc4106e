"""What the workforce compliance pages and their CSV show. No database access beyond the
objects handed in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oneworkforce.core import charts

from ..models import ComplianceFigure, Requirement
from ..records.compliance import Standing
from .grid import Row
from .models import TeamManager

CELL_TEXT = {
    "met": ("Up to date", "green"),
    "expiring": ("Expires soon", "yellow"),
    "expired": ("Expired", "red"),
    "missing": ("Missing", "grey"),
    "booked": ("Booked", "blue"),
}
STATE_CHOICES = [(k, text) for k, (text, _) in CELL_TEXT.items()] + [("none", "No job role")]


def cell_text(standing: Standing | None) -> str:
    """A cell in words, with its date where it has one (for the CSV and screen readers)."""
    if standing is None:
        return "Not needed"
    text = CELL_TEXT[standing.shown][0]
    if standing.expires_on is not None and standing.shown in ("met", "expiring", "expired"):
        verb = "ran out" if standing.shown == "expired" else "until"
        return f"{text} ({verb} {standing.expires_on:%-d %b %Y})"
    return text


def grid_rows(rows: Sequence[Row], requirements: Sequence[Requirement]) -> list[dict[str, Any]]:
    """Each person with a tag per requirement column (``None`` where their job roles do not
    need it)."""
    shown = []
    for row in rows:
        cells = []
        for requirement in requirements:
            standing = row.cells.get(requirement.pk)
            if standing is None:
                cells.append(None)
                continue
            text, colour = CELL_TEXT[standing.shown]
            cells.append(
                {
                    "text": text,
                    "classes": f"nhsuk-tag--{colour}",
                    "title": cell_text(standing),
                }
            )
        shown.append(
            {
                "id": row.person_id,
                "name": row.name,
                "email": row.email,
                "team": row.team,
                "site": row.site,
                "job_roles": ", ".join(row.job_roles) or "No job role",
                "cells": cells,
                "needing_action": row.needing_action,
            }
        )
    return shown


def csv_table(
    rows: Sequence[Row], requirements: Sequence[Requirement]
) -> tuple[list[str], list[list[str]]]:
    """The grid as CSV: a person a line, a requirement a column."""
    header = ["Name", "E-mail address", "Team", "Site", "Job roles"] + [
        str(r) for r in requirements
    ]
    lines = [
        [r.name, r.email, r.team, r.site, "; ".join(r.job_roles)]
        + [cell_text(r.cells.get(q.pk)) for q in requirements]
        for r in rows
    ]
    return header, lines


def summary(counts: dict[str, int], people: int) -> list[dict[str, Any]]:
    """The grid's totals: cells in each state and their share."""
    total = sum(counts.values())
    return [
        {
            "state": state,
            "text": text,
            "count": counts.get(state, 0),
            "share": f"{100 * counts.get(state, 0) / total:.0f}%" if total else "No data",
        }
        for state, (text, _) in CELL_TEXT.items()
    ] + [{"state": "people", "text": "People with job roles", "count": people, "share": ""}]


def figures(history: Sequence[ComplianceFigure]) -> dict[str, Any]:
    """The partner's figures over time: a line chart of the share of training up to date (and
    expired or missing), with the same numbers as a table."""

    def share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    labels = [f"{f.day:%-d %b %Y}" for f in history]
    chart = (
        charts.line_chart(
            [f"{f.day:%-d %b}" for f in history],
            [
                ("Up to date", [share(f.met + f.expiring, f.cells) for f in history]),
                ("Not up to date", [share(f.expired + f.missing, f.cells) for f in history]),
            ],
        )
        if len(history) > 1
        else None
    )
    table = [
        [
            label,
            f"{f.people:,}",
            f"{f.cells:,}",
            _pct(f.met + f.expiring, f.cells),
            f"{f.expiring:,}",
            f"{f.expired:,}",
            f"{f.missing:,}",
            f"{f.booked:,}",
        ]
        for label, f in zip(labels, history, strict=True)
    ]
    return {"chart": chart, "table": table}


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "No data"


def managing(teams: Sequence[str] | None) -> str:
    """Above a manager's grid: whose people they see (nothing for the partner's admins)."""
    if teams is None:
        return ""
    names = sorted(teams)
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    which = "that team" if len(names) == 1 else "those teams"
    return f"You manage {joined}: you see the people of {which} only."


def managers(found: Sequence[TeamManager]) -> list[dict[str, Any]]:
    """The partner's named team managers, by team then name."""
    return [
        {
            "id": m.pk,
            "team": m.team,
            "name": m.person.display_name,
            "email": m.person.email,
            "since": f"{m.created_at:%-d %b %Y}",
        }
        for m in sorted(found, key=lambda m: (m.team.lower(), m.person.display_name.lower()))
    ]
