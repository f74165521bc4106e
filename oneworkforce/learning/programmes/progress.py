"""The one rule for a learner's progress through a programme (pure Python, no database).

A step is done (a verified completion of its listing), booked (a place held on one of its
sessions) or still to do. A programme is complete when every required step is done and at least
``optional_needed`` of the optional ones are (no more than there are). Progress counts the
required steps done and the optional ones done up to the number needed, against the number
needed in all, so it reaches 100% exactly when the programme is complete."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DONE = "done"
BOOKED = "booked"
TO_DO = "to_do"
STATES = (DONE, BOOKED, TO_DO)


@dataclass(frozen=True)
class Progress:
    required_total: int
    required_done: int
    optional_total: int
    optional_done: int
    optional_needed: int

    @property
    def optional_counted(self) -> int:
        return min(self.optional_done, self.optional_needed)

    @property
    def needed(self) -> int:
        return self.required_total + self.optional_needed

    @property
    def counted(self) -> int:
        return self.required_done + self.optional_counted

    @property
    def complete(self) -> bool:
        return self.needed > 0 and self.counted == self.needed

    @property
    def percent(self) -> int:
        """Whole per cent, rounded down, so 100 means complete and nothing less does."""
        return 100 * self.counted // self.needed if self.needed else 0


def progress(steps: Iterable[tuple[bool, str]], optional_needed: int) -> Progress:
    """``steps`` are (required, state) pairs; ``optional_needed`` is capped at the number of
    optional steps, so removing optional steps never makes a programme impossible."""
    required_total = required_done = optional_total = optional_done = 0
    for required, state in steps:
        if state not in STATES:
            raise ValueError(f"unknown step state {state!r}")
        if required:
            required_total += 1
            required_done += state == DONE
        else:
            optional_total += 1
            optional_done += state == DONE
    return Progress(
        required_total=required_total,
        required_done=required_done,
        optional_total=optional_total,
        optional_done=optional_done,
        optional_needed=max(0, min(optional_needed, optional_total)),
    )
