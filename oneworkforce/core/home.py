"""The signed-in home: what is waiting on a person, gathered from every capability.

Core knows no feature app. Each app contributes its own items by registering one function
from its ``AppConfig.ready()``::

    from oneworkforce.core import home
    home.register(my_app.home.tasks)

A contributor is given the person and today's date and returns :class:`Task` items, each with a
count, the date its oldest item has waited since (or the date of the next one, for a learner's
coming sessions) and a link to act. It must run a fixed number of queries whatever the size of
the data (counts and minimums in the database, never a loop over rows), so the home stays
fast for a partner admin of a large trust; a test holds every contributor to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Task:
    """One kind of thing waiting on a person, e.g. "Affiliations to confirm"."""

    capability: str  # the part of the service it belongs to, e.g. "Learning"
    title: str  # what waits, e.g. "Completions to verify"
    count: int
    href: str  # where to act on them
    action: str  # the link's words, e.g. "Verify completions"
    # The day the oldest item has waited since; for coming things (sessions, reviews due), the
    # day of the next one, with ``upcoming`` set.
    since: dt.date | dt.datetime | None = None
    upcoming: bool = False
    overdue: bool = False  # past a deadline: shown first, marked as overdue
    detail: str = ""  # one short line more, e.g. the next session's title


Contributor = Callable[[Any, dt.date], list[Task]]

_CONTRIBUTORS: list[Contributor] = []


def register(contributor: Contributor) -> None:
    """Add a capability's contributor (once; registering again changes nothing)."""
    if contributor not in _CONTRIBUTORS:
        _CONTRIBUTORS.append(contributor)


def contributors() -> tuple[Contributor, ...]:
    return tuple(_CONTRIBUTORS)


def tasks_for(user: Any, today: dt.date) -> list[Task]:
    """Everything waiting on this person with at least one item: overdue first, then by
    capability."""
    found = [task for c in _CONTRIBUTORS for task in c(user, today) if task.count > 0]
    return sorted(found, key=lambda t: (not t.overdue, t.capability, t.title))
