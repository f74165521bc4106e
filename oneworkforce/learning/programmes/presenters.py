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


def page_actions(
    *, signed_in: bool, enrolled: bool, complete: bool, withdrawn: bool = False
) -> dict[str, bool]:
    """What the programme page offers: a learner who left sees their progress (the steps they
    did still count) and may enrol again; an active learner who has not completed may leave."""
    active = enrolled and not withdrawn
    return {
        "can_enrol": signed_in and (not enrolled or withdrawn),
        "enrol_again": enrolled and withdrawn,
        "sign_in_to_enrol": not signed_in,
        "shows_progress": enrolled,
        "has_certificate": active and complete,
        "can_leave": active and not complete,
    }


ACTIVE, COMPLETED, WITHDRAWN = "active", "completed", "withdrawn"
COHORT_TAGS = {
    ACTIVE: ("Active", "blue"),
    COMPLETED: ("Completed", "green"),
    WITHDRAWN: ("Withdrawn", "grey"),
}


def member_status(member: Any) -> str:
    """Withdrawn (left, or withdrawn by the provider), completed, or still active."""
    if member.enrolment.withdrawn:
        return WITHDRAWN
    return COMPLETED if member.progress.complete else ACTIVE


def cohort_counts(members: Sequence[Any]) -> dict[str, int]:
    """How many learners are active, have completed and have withdrawn (each counted once)."""
    counts = dict.fromkeys(COHORT_TAGS, 0)
    for member in members:
        counts[member_status(member)] += 1
    return counts


def cohort_rows(members: Sequence[Any]) -> list[dict[str, Any]]:
    """One row per learner for the provider: name, progress, status and what they may do."""
    rows = []
    for member in members:
        enrolment = member.enrolment
        status = member_status(member)
        text, colour = COHORT_TAGS[status]
        if status == WITHDRAWN:
            text = "Withdrawn by you" if enrolment.withdrawn_by_provider else "Left"
        rows.append(
            {
                "pk": enrolment.pk,
                "name": enrolment.learner.display_name,
                "enrolled_at": enrolment.enrolled_at,
                "steps": f"{member.progress.counted} of {member.progress.needed}",
                "percent": member.progress.percent,
                "tag": {"text": text, "classes": f"nhsuk-tag--{colour}"},
                "reason": enrolment.withdrawal_reason,
                "can_withdraw": status == ACTIVE,
            }
        )
    return rows


def withdrawal_text(enrolment: Any, provider: str) -> str:
    """What a learner whose enrolment is withdrawn reads on the programme's page."""
    day = f"{enrolment.withdrawn_at:%-d %B %Y}"
    if not enrolment.withdrawn_by_provider:
        return f"You left this programme on {day}."
    return (
        f"{provider} withdrew your enrolment on {day}. Their reason: {enrolment.withdrawal_reason}"
    )


def my_programme_text(enrolment: Any, progress: str, provider: str) -> str:
    """A learner's line for one of their programmes, saying first if they are no longer on it."""
    if not enrolment.withdrawn:
        return progress
    if enrolment.withdrawn_by_provider:
        return f"Withdrawn by {provider}: {progress}"
    return f"You left: {progress}"
