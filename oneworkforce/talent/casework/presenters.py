"""What the casework pages show: a candidate's equality monitoring answers in words."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Equality
from .services import EQUALITY_CHOICES, EQUALITY_FIELDS, EQUALITY_LABELS


@dataclass(frozen=True)
class EqualityRow:
    label: str
    answer: str


def equality_rows(record: Equality | None) -> list[EqualityRow]:
    if record is None:
        return []
    rows = []
    for name in EQUALITY_FIELDS:
        value = getattr(record, name)
        answer = (
            dict(EQUALITY_CHOICES[name]).get(value, "Not answered") if value else "Not answered"
        )
        rows.append(EqualityRow(EQUALITY_LABELS[name], answer))
    return rows
