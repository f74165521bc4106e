"""The application state machine, free of Django so it can be read, tested and reused alone.

An application moves interested → screened → put forward → interview → conditional offer →
started, and can end as withdrawn, not successful or offer declined on the way; a start ends
as left. Every waiting state has a due date so nothing sits in limbo: ``due_on`` says by when
the next step is expected and who is expected to take it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    INTERESTED = "interested"
    SCREENED = "screened"
    PUT_FORWARD = "put_forward"
    INTERVIEW = "interview"
    OFFER = "offer"
    STARTED = "started"
    WITHDRAWN = "withdrawn"
    NOT_SUCCESSFUL = "not_successful"
    OFFER_DECLINED = "offer_declined"
    LEFT = "left"


class Party(StrEnum):
    """Who the next step waits on."""

    COORDINATOR = "coordinator"
    EMPLOYER = "employer"


LABELS: dict[State, str] = {
    State.INTERESTED: "Interested",
    State.SCREENED: "Screened",
    State.PUT_FORWARD: "Put forward",
    State.INTERVIEW: "Interview",
    State.OFFER: "Conditional offer",
    State.STARTED: "Started",
    State.WITHDRAWN: "Withdrawn",
    State.NOT_SUCCESSFUL: "Not successful",
    State.OFFER_DECLINED: "Offer declined",
    State.LEFT: "Left",
}

# The forward path, in order; used for funnels and progress.
PATH: tuple[State, ...] = (
    State.INTERESTED,
    State.SCREENED,
    State.PUT_FORWARD,
    State.INTERVIEW,
    State.OFFER,
    State.STARTED,
)

MOVES: dict[State, frozenset[State]] = {
    State.INTERESTED: frozenset({State.SCREENED, State.WITHDRAWN, State.NOT_SUCCESSFUL}),
    State.SCREENED: frozenset({State.PUT_FORWARD, State.WITHDRAWN, State.NOT_SUCCESSFUL}),
    State.PUT_FORWARD: frozenset({State.INTERVIEW, State.WITHDRAWN, State.NOT_SUCCESSFUL}),
    State.INTERVIEW: frozenset({State.OFFER, State.WITHDRAWN, State.NOT_SUCCESSFUL}),
    State.OFFER: frozenset(
        {State.STARTED, State.OFFER_DECLINED, State.WITHDRAWN, State.NOT_SUCCESSFUL}
    ),
    State.STARTED: frozenset({State.LEFT}),
    State.WITHDRAWN: frozenset(),
    State.NOT_SUCCESSFUL: frozenset(),
    State.OFFER_DECLINED: frozenset(),
    State.LEFT: frozenset(),
}

# Days allowed in each waiting state before the step is overdue, and who must act.
WAITING: dict[State, tuple[int, Party]] = {
    State.INTERESTED: (7, Party.COORDINATOR),
    State.SCREENED: (5, Party.COORDINATOR),
    State.PUT_FORWARD: (10, Party.EMPLOYER),
    State.INTERVIEW: (14, Party.EMPLOYER),
    State.OFFER: (42, Party.EMPLOYER),
}

ENDED: frozenset[State] = frozenset(
    {State.WITHDRAWN, State.NOT_SUCCESSFUL, State.OFFER_DECLINED, State.LEFT}
)
# Moves that need a reason recorded with them.
NEEDS_REASON: frozenset[State] = ENDED
# Moves an employer (the vacancy's partner) may make; the coordinator may make every move.
EMPLOYER_MOVES: frozenset[State] = frozenset(
    {
        State.INTERVIEW,
        State.OFFER,
        State.STARTED,
        State.NOT_SUCCESSFUL,
        State.OFFER_DECLINED,
        State.WITHDRAWN,
        State.LEFT,
    }
)

NEXT_STEP: dict[State, str] = {
    State.INTERESTED: (
        "A talent coordinator will get in touch to talk about the vacancy and what matters to you."
    ),
    State.SCREENED: "Your coordinator will send your details to the employer.",
    State.PUT_FORWARD: (
        "The employer is looking at your details and will decide whether to invite you to an "
        "interview."
    ),
    State.INTERVIEW: "The employer will let you know how the interview went.",
    State.OFFER: (
        "The employer is finishing the checks needed before you start, such as references."
    ),
    State.STARTED: (
        "You have started. We will check in with you and your employer after 6 and 12 months."
    ),
    State.WITHDRAWN: (
        "This application has stopped. Your coordinator can help you look at other vacancies."
    ),
    State.NOT_SUCCESSFUL: (
        "This application was not successful this time. Your coordinator can help you look at "
        "other vacancies."
    ),
    State.OFFER_DECLINED: (
        "You decided not to take this offer. Your coordinator can help you look at other vacancies."
    ),
    State.LEFT: "You have left this job. Your coordinator can help you find another.",
}


@dataclass(frozen=True)
class MoveRefused(Exception):
    """A move the state machine does not allow, with a plain reason."""

    reason: str

    def __str__(self) -> str:
        return self.reason


def allowed_moves(state: State) -> frozenset[State]:
    return MOVES[state]


def check_move(
    current: State,
    target: State,
    *,
    by_employer: bool = False,
    conditions_outstanding: int = 0,
    reason: str = "",
) -> None:
    """Raise :class:`MoveRefused` unless ``current`` may become ``target``.

    ``by_employer``: the move is made by the vacancy's partner rather than a coordinator.
    ``conditions_outstanding``: offer conditions not yet met (a start needs none).
    """
    if target == current:
        raise MoveRefused(f"The application is already at “{LABELS[current]}”.")
    if target not in MOVES[current]:
        if current in ENDED:
            raise MoveRefused(
                f"The application has ended (“{LABELS[current]}”) and cannot move on."
            )
        raise MoveRefused(
            f"An application at “{LABELS[current]}” cannot move to “{LABELS[target]}”."
            + (" A start needs a conditional offer first." if target == State.STARTED else "")
        )
    if by_employer and target not in EMPLOYER_MOVES:
        raise MoveRefused(
            f"Only a talent coordinator can move an application to “{LABELS[target]}”."
        )
    if target == State.STARTED and conditions_outstanding:
        plural = "s are" if conditions_outstanding != 1 else " is"
        raise MoveRefused(
            f"{conditions_outstanding} offer condition{plural} not yet met; "
            "record them before the start."
        )
    if target in NEEDS_REASON and not reason.strip():
        raise MoveRefused(f"Give a reason for “{LABELS[target]}”.")


def due_on(state: State, since: dt.date) -> dt.date | None:
    """When the step after ``state`` is due, for an application that reached it on ``since``."""
    waiting = WAITING.get(state)
    if waiting is None:
        return None
    return since + dt.timedelta(days=waiting[0])


def waits_on(state: State) -> Party | None:
    waiting = WAITING.get(state)
    return None if waiting is None else waiting[1]


def checkpoint_due(started_on: dt.date, months: int) -> dt.date:
    """The day ``months`` calendar months after a start (the month's last day when shorter)."""
    month_index = started_on.month - 1 + months
    year, month = started_on.year + month_index // 12, month_index % 12 + 1
    for day in range(started_on.day, 27, -1):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return dt.date(year, month, min(started_on.day, 28))


def progress(state: State) -> int:
    """How far along the path an application is, 0 to len(PATH) - 1 (ended states: -1)."""
    return PATH.index(state) if state in PATH else -1
