"""Reads for the front door: the counts it shows."""

from __future__ import annotations

from typing import Any

from oneworkforce.partners.registry.selectors import home_figures

from ..pathways.selectors import catalogue


def front_door() -> dict[str, Any]:
    """The partnership's counts and the number of career roles."""
    return {**home_figures(), "role_count": len(catalogue().roles)}
