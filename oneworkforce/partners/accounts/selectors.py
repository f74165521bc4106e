"""Reads of a person's own account."""

from __future__ import annotations

from typing import Any

from oneworkforce import personal_data

from ..models import User


def personal_data_export(user: User) -> dict[str, Any]:
    """Everything the service holds about a person, for the 'your data' page and its download:
    every holding in the personal-data map (``oneworkforce.personal_data``)."""
    return personal_data.export(user)
