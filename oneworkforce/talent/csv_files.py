"""What the talent hub's CSV imports share: reading the file line by line with line numbers,
the cell readers, and the error that lists every bad line (nothing is written when raised)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

MAX_LINES = 5000


class ImportProblems(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def lines(
    data: bytes, *, required: tuple[str, ...], noun: str
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, {column: stripped value})`` for each non-blank line of a UTF-8 CSV.

    Raises :class:`ImportProblems` for text that is not UTF-8, a header missing a ``required``
    column, or more than ``MAX_LINES`` lines (``noun`` names what a line holds, plural)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblems(["The file is not UTF-8 text: save it as “CSV UTF-8”"]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportProblems([f"Line 1: the header has no column {', '.join(missing)}"])
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_LINES:
            raise ImportProblems([f"The file has more than {MAX_LINES} {noun}: split it"])
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if any(row.values()):
            yield number, row


def read_date(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError("write the date as YYYY-MM-DD, like 2026-12-31") from None


def read_yes_no(text: str) -> bool:
    value = text.lower()
    if value in ("", "yes", "y", "true"):
        return True
    if value in ("no", "n", "false"):
        return False
    raise ValueError("write yes or no")


def read_choice(text: str, choices: Any) -> str:
    wanted = text.strip().lower()
    for value, label in choices.choices:
        if wanted in (value, str(label).lower()):
            return str(value)
    raise ValueError("use one of " + ", ".join(choices.values))
