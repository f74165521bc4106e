"""What the pipeline's pages show, decided here so templates hold no state tests. Pure: they
take states and flags, never touch the database."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from . import states
from .states import LABELS, State


def steps_row(state: str, reached: Collection[str]) -> list[dict[str, Any]]:
    """The path as a list of steps: done, current or to come (ended shown where it ended).
    ``reached`` holds every state the application has moved to."""
    now = State(state)
    rows = []
    for step in states.PATH:
        current = step == now
        done = not current and step.value in reached
        rows.append({"label": LABELS[step], "is_current": current, "is_done": done})
    if now in states.ENDED and now != State.LEFT:
        rows.append({"label": LABELS[now], "is_current": True, "is_done": False})
    return rows


def can_screen(state: str, *, coordinator: bool) -> bool:
    """Whether to offer "Record values-based screening": coordinators, while interested."""
    return coordinator and state == State.INTERESTED
