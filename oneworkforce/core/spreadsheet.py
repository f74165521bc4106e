"""Text for cells of a CSV file that people open in a spreadsheet (pure Python, no Django, so the
projection engine's CSV uses the same rule as every download of the web app)."""

from __future__ import annotations

from typing import Any

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` for a CSV cell: text that a spreadsheet would run as a formula is prefixed with
    an apostrophe (so ``=HYPERLINK(...)`` stays text), ``None`` becomes an empty cell, and
    numbers and other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value
