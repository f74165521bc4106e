"""Plain-English formatting used by templates and presenters (GOV.UK / NHS.UK style)."""

from __future__ import annotations

import datetime as dt


def date(value: dt.date | None) -> str:
    """``3 March 2026``: no leading zero, full month name."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def clock(value: dt.time | dt.datetime) -> str:
    """``2:05pm``, ``10am``; midday and midnight are written as words."""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def datetime(value: dt.datetime | None) -> str:
    """``3 March 2026 at 2:05pm``; midday and midnight are written as words."""
    if value is None:
        return ""
    return f"{date(value.date())} at {clock(value)}"


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``1 partner``, ``3 partners``, ``1,204 partners``."""
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {word}"


def percent(value: float | None, digits: int = 1) -> str:
    """``5.8%`` for 0.058; ``not known`` when there is no figure."""
    if value is None:
        return "not known"
    return f"{100 * value:.{digits}f}%"


def number(value: float | None, digits: int = 0) -> str:
    """``1,204`` or ``1,204.5``; ``not known`` when there is no figure."""
    if value is None:
        return "not known"
    return f"{value:,.{digits}f}"
