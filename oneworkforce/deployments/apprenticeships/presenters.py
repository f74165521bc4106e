"""What the apprenticeship pages and the API show: block dates and labels, choices in words,
a plan's cells. Pure: reads only the objects it is given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from oneworkforce.core import formatting

from .. import rotations
from ..models import Assignment, Cohort

STATUS_TEXT = {
    "OPTIMAL": "Best possible plan found",
    "FEASIBLE": "A plan that keeps every rule; the search stopped before proving it the best",
}
STOPPED_TEXT = {
    "time_limit": "the time limit",
    "work_limit": "the work limit",
}


# Blocks -------------------------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def block_dates(cohort: Cohort) -> list[tuple[dt.date, dt.date]]:
    """(first day, last day) of each block, block 1 first."""
    found = []
    for n in range(cohort.blocks):
        start = _add_months(cohort.starts_on, n * cohort.block_months)
        end = _add_months(cohort.starts_on, (n + 1) * cohort.block_months) - dt.timedelta(days=1)
        found.append((start, end))
    return found


def block_labels(cohort: Cohort) -> list[str]:
    return [
        f"Block {n}: {formatting.date(start)} to {formatting.date(end)}"
        for n, (start, end) in enumerate(block_dates(cohort), start=1)
    ]


def ints(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, list | tuple) else ()


def ordinal_choice(choice: int | None) -> str:
    return f"{rotations.ordinal(choice)} choice" if choice else "Not one of their choices"


def assignment_cell(
    assignment: Assignment | None, choices: Mapping[tuple[int, int], int]
) -> dict[str, Any]:
    if assignment is None:
        return {"placement": "Not placed yet", "setting": "", "choice": "", "overridden": False}
    choice = choices.get((assignment.apprentice_id, assignment.placement_id))
    return {
        "placement": assignment.placement.site.name,
        "setting": assignment.placement.get_setting_display(),
        "choice": ordinal_choice(choice),
        "choice_number": choice,
        "overridden": bool(assignment.override_reason),
    }
