"""Capacity against demand as tables, charts and CSV rows: by setting, profession, field,
block, partner sector and education provider. Pure: no database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from oneworkforce.core import charts
from oneworkforce.partners.choices import Sector

from ..environments.presenters import profession_label, setting_label
from ..models.choices import GROWTH_SETTINGS, Setting

# (key, heading, the field of each kind of row that holds it; None: not known for that kind)
DIMENSIONS = (
    ("setting", "Setting", None, "environment__setting", "environment__setting"),
    (
        "profession",
        "Profession",
        "programme__profession",
        "profession",
        "student__programme__profession",
    ),
    ("field", "Field", "programme__field", None, "student__programme__field"),
    ("block", "Block", "block__name", "block__name", "block__name"),
    (
        "sector",
        "Partner's sector",
        None,
        "environment__organisation__sector",
        "environment__organisation__sector",
    ),
    (
        "provider",
        "Education provider",
        "programme__provider__name",
        None,
        "student__programme__provider__name",
    ),
)


def _label(dimension: str, value: Any) -> str:
    if dimension == "setting":
        return setting_label(value)
    if dimension == "profession":
        return profession_label(value)
    if dimension == "sector":
        return dict(Sector.choices).get(value, value)
    return value or "Not given"


def _sum_by(rows: Iterable[dict[str, Any]], key: str | None) -> dict[Any, int] | None:
    if key is None:
        return None
    found: dict[Any, int] = defaultdict(int)
    for row in rows:
        found[row[key]] += int(row["n"])
    return found


def _cell(value: int | None) -> dict[str, Any]:
    return {"text": "Not known" if value is None else f"{value:,}", "format": "numeric"}


def by_dimension(figures: Any) -> list[dict[str, Any]]:
    """For each dimension, rows of (label, asked, offered, placed, unmet); a figure that has
    no meaning for the dimension (places asked for by setting) is ``None``."""
    tables = []
    for key, heading, asked_key, offered_key, placed_key in DIMENSIONS:
        asked = _sum_by(figures.asked, asked_key)
        offered = _sum_by(figures.offered, offered_key)
        placed = _sum_by(figures.placed, placed_key) or {}
        values = set(placed) | set(asked or {}) | set(offered or {})
        if key == "setting":
            values |= set(Setting.values)
        rows = []
        for value in sorted(values, key=lambda v: _label(key, v)):
            a = None if asked is None else asked.get(value, 0)
            o = None if offered is None else offered.get(value, 0)
            p = placed.get(value, 0)
            rows.append(
                {
                    "label": _label(key, value),
                    "asked": a,
                    "offered": o,
                    "placed": p,
                    "unmet": None if a is None else max(0, a - p),
                }
            )
        tables.append({"key": key, "heading": heading, "rows": rows})
    return tables


def totals(figures: Any) -> dict[str, Any]:
    asked = sum(int(r["n"]) for r in figures.asked)
    offered = sum(int(r["n"]) for r in figures.offered)
    placed = sum(int(r["n"]) for r in figures.placed)
    growth = sum(
        int(r["n"]) for r in figures.placed if r["environment__setting"] in GROWTH_SETTINGS
    )
    return {
        "asked": asked,
        "offered": offered,
        "placed": placed,
        "unmet": max(0, asked - placed),
        "growth": growth,
        "growth_share": growth / placed if placed else None,
    }


def growth_rows(figures: Any) -> list[dict[str, Any]]:
    """The share of placements in care homes, home care, primary care and voluntary services."""
    placed = _sum_by(figures.placed, "environment__setting") or {}
    total = sum(placed.values())
    return [
        {
            "label": setting_label(s),
            "placed": placed.get(s, 0),
            "share": placed.get(s, 0) / total if total else None,
        }
        for s in GROWTH_SETTINGS
    ]


def table_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [r["label"], _cell(r["asked"]), _cell(r["offered"]), _cell(r["placed"]), _cell(r["unmet"])]
        for r in rows
    ]


def setting_chart(tables: list[dict[str, Any]]) -> Any:
    rows = next(t["rows"] for t in tables if t["key"] == "setting")
    return charts.bar_chart([(r["label"], r["placed"], f"{r['placed']:,} placed") for r in rows])


def unmet_chart(tables: list[dict[str, Any]]) -> Any | None:
    rows = [r for r in next(t["rows"] for t in tables if t["key"] == "profession") if r["asked"]]
    if not rows:
        return None
    return charts.bar_chart(
        [(r["label"], r["unmet"] or 0, f"{r['unmet'] or 0:,} unmet") for r in rows]
    )


CSV_HEADER = [
    "dimension",
    "value",
    "students_asked_for",
    "places_offered",
    "students_placed",
    "unmet_demand",
]


def csv_rows(tables: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [t["key"], r["label"], r["asked"], r["offered"], r["placed"], r["unmet"]]
        for t in tables
        for r in t["rows"]
    ]
