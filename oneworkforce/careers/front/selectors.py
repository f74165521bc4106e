"""Reads for the front door: the counts it shows."""

from __future__ import annotations

from typing import Any

from oneworkforce.partners.registry.selectors import home_figures

from ..jobs.selectors import open_vacancies
from ..pathways.selectors import catalogue


def front_door() -> dict[str, Any]:
    """The partnership's counts, the number of career roles and of open jobs."""
    return {
        **home_figures(),
        "role_count": len(catalogue().roles),
        "job_count": open_vacancies().count(),
    }
