"""Demo records (see demo.py)."""

from __future__ import annotations


def load() -> str:
    return "nothing yet"
