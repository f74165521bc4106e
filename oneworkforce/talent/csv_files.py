"""What the talent hub's CSV imports share: reading the file line by line with line numbers,
the cell readers, and the error that lists every bad line (nothing is written when raised)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from oneworkforce.core import uploads

MAX_LINES = 5000


class ImportProblems(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def lines(
    data: bytes, *, required: tuple[str, ...], noun: str
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, {column: stripped value})`` for each non-blank line of a UTF-8 CSV.

    Raises :class:`ImportProblems` for a file the shared upload reader refuses (not UTF-8, a
    NUL character, an over-long line, an unclosed quote), a header missing a ``required``
    column or naming one twice, a line with more values than the header has columns, or
    more than ``MAX_LINES`` lines (``noun`` names what a line holds, plural)."""
    try:
        records = uploads.csv_rows(uploads.decode(data, advice="save it as “CSV UTF-8”"))
        first = next(records, None)
    except uploads.UploadError as error:
        raise ImportProblems([_problem(error)]) from None
    header = [h.strip() for h in first[1]] if first else []
    while header and not header[-1]:
        header.pop()
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportProblems([f"Line 1: the header has no column {', '.join(missing)}"])
    twice = uploads.repeated([h for h in header if h])
    if twice:
        raise ImportProblems([f"Line 1: the header names column {', '.join(twice)} twice"])
    count = 0
    problems: list[str] = []
    try:
        for number, values in records:
            count += 1
            if count > MAX_LINES:
                raise ImportProblems([f"The file has more than {MAX_LINES} {noun}: split it"])
            while len(values) > len(header) and not values[-1].strip():
                values.pop()
            if len(values) > len(header):
                problems.append(
                    f"Line {number}: has {len(values)} values, but the header has "
                    f"{len(header)} columns"
                )
                continue
            values += [""] * (len(header) - len(values))  # empty optional columns at the end
            yield number, {k: v.strip() for k, v in zip(header, values, strict=True) if k}
    except uploads.UploadError as error:
        problems.append(_problem(error))
    if problems:
        raise ImportProblems(problems)


def _problem(error: uploads.UploadError) -> str:
    return f"{error.where[:1].upper()}{error.where[1:]}: {error.message}"


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
