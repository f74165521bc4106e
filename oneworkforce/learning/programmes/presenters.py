"""Display decisions for programmes (no database): each step's state as words and a tag, the
progress sentence, and what the programme page offers the person looking at it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .progress import BOOKED, DONE, Progress

STATE_TEXT = {DONE: ("Done", "green"), BOOKED: ("Booked", "blue")}
TO_DO_TEXT = ("To do", "grey")


def step_rows(standings: Sequence[Any], *, show_state: bool) -> list[dict[str, Any]]:
    """One row per step, in order: its number, listing, provider, whether it is required, and
    (for an enrolled learner) its state."""
    rows = []
    for number, standing in enumerate(standings, start=1):
        step = standing.step
        text, colour = STATE_TEXT.get(standing.state, TO_DO_TEXT)
        rows.append(
            {
                "number": number,
                "title": step.opportunity.title,
                "slug": step.opportunity.slug,
                "provider": step.opportunity.organisation.name,
                "need": "Required" if step.required else "Optional",
                "tag": {"text": text, "classes": f"nhsuk-tag--{colour}"} if show_state else None,
                "done": standing.state == DONE,
            }
        )
    return rows


def progress_text(progress: Progress) -> str:
    """For example '2 of 5 steps needed are done (40%)'."""
    steps = "step" if progress.needed == 1 else "steps"
    return f"{progress.counted} of {progress.needed} {steps} needed are done ({progress.percent}%)"


def requirement_text(required: int, optional: int, optional_needed: int) -> str:
    """What completing the programme takes, in words."""
    parts = []
    if required:
        parts.append("the required step" if required == 1 else f"all {required} required steps")
    if optional_needed:
        parts.append(f"{optional_needed} of the {optional} optional steps")
    return ("Complete " + " and ".join(parts) + ".") if parts else "Nothing is required yet."


def page_actions(*, signed_in: bool, enrolled: bool, complete: bool) -> dict[str, bool]:
    return {
        "can_enrol": signed_in and not enrolled,
        "sign_in_to_enrol": not signed_in,
        "shows_progress": enrolled,
        "has_certificate": enrolled and complete,
    }
