"""What the map is made of: a holding (a model holding data about the person), a link to
records they made in a role, and the values an erasure removes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DELETED_NAME = "Deleted account"
REMOVED = "[removed]"


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


@dataclass(frozen=True)
class Holding:
    """One model that holds data about the person themselves."""

    model: str  # "app_label.ModelName"
    covers: tuple[str, ...]  # the fields that make it personal (links to the person, name...)
    section: str  # the key in the downloaded JSON
    title: str  # the heading on the "your data" page
    on_delete: str  # what deletion does, in plain words
    export: Callable[[Any], Any]
    erase: Callable[[Any, Erasure], None] = field(default=lambda user, erasure: None)


@dataclass(frozen=True)
class ActorLink:
    """A record a person made or decided in a role (a need raised, a check attested): it
    belongs to the partner; the person's copy counts it, deletion removes the link."""

    model: str
    field: str
    what: str  # "Needs you raised"


@dataclass
class Erasure:
    """What identifies the person, gathered before anything is erased, so free text and the
    audit log can be cleaned of it afterwards."""

    user_pk: int
    values: set[str]
