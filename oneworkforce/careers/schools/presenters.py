"""What the schools pages show: coverage as figures with their units, and the ambassadors'
register with release days used against agreed. Pure: no database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from oneworkforce.core.formatting import count, date, percent

from ..models import Ambassador, School, SchoolVisit
from .selectors import Coverage
from .services import ImportResult


def days(value: Decimal | None) -> str:
    amount = value or Decimal(0)
    text = f"{amount.normalize():f}" if amount == amount.to_integral() else f"{amount:.1f}"
    return f"{text} day" if amount == 1 else f"{text} days"


def _schools(number: int) -> str:
    return count(number, "school or college", "schools and colleges")


def coverage_figures(found: Coverage) -> list[dict[str, str]]:
    return [
        {
            "label": "Secondary schools and colleges covered",
            "value": percent(found.share, 0),
            "detail": f"{found.covered} of {_schools(found.schools)} with an ambassador and a "
            "visit in the last 12 months",
        },
        {
            "label": "With an assigned ambassador",
            "value": _schools(found.with_ambassador),
            "detail": "",
        },
        {
            "label": "Visited in the last 12 months",
            "value": _schools(found.visited),
            "detail": "",
        },
        {
            "label": "Release days used",
            "value": days(found.days_used),
            "detail": f"of {days(found.days_agreed)} agreed by employers",
        },
    ]


def school_row(school: School) -> list[str]:
    return [
        school.name,
        str(school.urn),
        school.kind,
        school.local_authority,
        "Yes" if getattr(school, "assigned", False) else "No",
        "Yes" if getattr(school, "visited", False) else "No",
    ]


def ambassador_row(ambassador: Ambassador) -> list[str]:
    return [
        ambassador.name,
        ambassador.organisation.name,
        date(ambassador.trained_on) or "Not yet",
        str(getattr(ambassador, "school_count", 0)),
        f"{days(getattr(ambassador, 'days_used', None))} of {days(ambassador.release_days_agreed)}",
    ]


def visit_row(visit: SchoolVisit) -> list[Any]:
    return [
        date(visit.on),
        visit.school.name,
        ", ".join(a.name for a in visit.ambassadors.all()),
        visit.year_groups,
        {"text": str(visit.pupils), "format": "numeric"},
        visit.campaign.code if visit.campaign else "",
    ]


def import_summary(result: ImportResult) -> str:
    scope = count(result.in_scope, "secondary school or college", "secondary schools and colleges")
    return (
        f"Schools imported: {result.created:,} added, {result.updated:,} updated, "
        f"{result.unchanged:,} unchanged; {scope} in the file"
    )
