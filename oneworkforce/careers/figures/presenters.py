"""The careers figures as tables (every figure with its unit), a chart of applications by
source with the same numbers, and CSV rows. Pure: no database."""

from __future__ import annotations

from collections import Counter
from typing import Any

from oneworkforce.core import charts
from oneworkforce.core.formatting import count
from oneworkforce.talent.models import ApplicationSource

from ..jobs.selectors import SECTOR_GROUPS
from ..schools.presenters import coverage_figures
from ..schools.selectors import Coverage
from .selectors import Figures, median_days

SECTORS = [(key, name) for key, (name, _) in SECTOR_GROUPS.items()]
STATUS = {"unemployed": "Out of work before", "other": "In work, study or not stated"}
VETERAN_MEASURES = {
    "applications": "Applications from veterans",
    "guaranteed": "Guaranteed interviews",
    "interviews": "Reached interview",
    "starts": "Started work",
}


def _row(label: str, counts: Counter[str]) -> list[Any]:
    return [label, *[counts.get(key, 0) for key, _ in SECTORS], sum(counts.values())]


def heads(first: str) -> list[Any]:
    return [
        first,
        *[{"text": n, "format": "numeric"} for _, n in SECTORS],
        {"text": "All sectors", "format": "numeric"},
    ]


def source_rows(found: Figures) -> list[list[Any]]:
    return [_row(s.label, found.by_source.get(s.value, Counter())) for s in ApplicationSource]


def source_chart(found: Figures) -> charts.BarChart:
    return charts.bar_chart(
        [
            (s.label, float(total), count(total, "application"))
            for s in ApplicationSource
            for total in [sum(found.by_source.get(s.value, Counter()).values())]
        ]
    )


def _start_row(name: str, values: list[int]) -> list[Any]:
    median = median_days(values)
    return [name, len(values), "no starts yet" if median is None else f"{median:.0f} days"]


def start_rows(found: Figures) -> list[list[Any]]:
    rows = [_start_row(name, found.days_to_start.get(key, [])) for key, name in SECTORS]
    everything = [d for values in found.days_to_start.values() for d in values]
    return [*rows, _start_row("All sectors", everything)]


def status_rows(found: Figures) -> list[list[Any]]:
    return [
        _row(label, found.starts_by_status.get(key, Counter())) for key, label in STATUS.items()
    ]


def veteran_rows(found: Figures) -> list[list[Any]]:
    return [
        _row(label, found.veterans.get(key, Counter())) for key, label in VETERAN_MEASURES.items()
    ]


def csv_rows(found: Figures) -> list[list[Any]]:
    """One long table: measure, group, sector, value, unit."""
    rows: list[list[Any]] = [["measure", "group", "sector", "value", "unit"]]
    for label, table in (
        ("applications by source", found.by_source),
        ("starts by previous employment status", found.starts_by_status),
        ("veterans", found.veterans),
    ):
        for group, counts in sorted(table.items()):
            for key, name in SECTORS:
                rows.append([label, group, name, counts.get(key, 0), "applications"])
    for key, name in SECTORS:
        median = median_days(found.days_to_start.get(key, []))
        rows.append(
            [
                "time from application to start",
                "median",
                name,
                "" if median is None else median,
                "days",
            ]
        )
    return rows


def page(found: Figures, coverage: Coverage) -> dict[str, Any]:
    """What the figures' sections show (careers/figures/_sections.jinja), on the careers
    figures page and the talent hub's board report alike."""
    return {
        "since": found.since,
        "heads": heads,
        "source_rows": source_rows(found),
        "source_chart": source_chart(found),
        "start_rows": start_rows(found),
        "status_rows": status_rows(found),
        "veteran_rows": veteran_rows(found),
        "coverage": coverage_figures(coverage),
    }


def outcomes_csv_rows(found: Figures, coverage: Coverage) -> list[list[str]]:
    """The same figures in the talent hub's outcomes CSV: section, group, measure, value."""
    rows = [
        [f"Careers: {measure}", sector, f"{group} ({unit})", f"{value}"]
        for measure, group, sector, value, unit in csv_rows(found)[1:]
    ]
    rows.extend(
        ["Careers: school coverage", "All schools and colleges", f["label"], f["value"]]
        for f in coverage_figures(coverage)
    )
    return rows
