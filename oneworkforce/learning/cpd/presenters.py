"""What the CPD pages, their CSV and PDF show: entries, reflective accounts and the
revalidation summary with its progress. No database access beyond the objects handed in."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..models import CpdEntry, Reflection
from .revalidation import Measure, Summary, all_themes


def hours_text(hours: Decimal) -> str:
    """Hours without trailing zeros: 3.50 is "3.5", 35.00 is "35"."""
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _long_date(day: Any) -> str:
    return f"{day:%-d %B %Y}"


def entry_rows(entries: Sequence[CpdEntry]) -> list[dict[str, Any]]:
    return [
        {
            "pk": e.pk,
            "date": _long_date(e.done_on),
            "title": e.title,
            "hours": hours_text(e.hours),
            "participatory": "Yes" if e.participatory else "No",
            "source": f"Portal: {e.completion.issuer.name}" if e.completion else "Added by you",
            "notes": "Written" if e.learnt or e.practice_change else "Not yet",
            "peer": "Yes" if e.peer_reflection else "No",
            "deletable": not e.from_portal,
        }
        for e in entries
    ]


def theme_names(keys: Sequence[str]) -> str:
    """The themes' labels in the order the preset gives them."""
    known = all_themes()
    order = list(known)
    ranked = sorted(keys, key=lambda k: order.index(k) if k in known else len(order))
    return ", ".join(known.get(k, k) for k in ranked)


def reflection_rows(reflections: Sequence[Reflection]) -> list[dict[str, Any]]:
    return [
        {
            "pk": r.pk,
            "date": _long_date(r.written_on),
            "about": r.entry.title if r.entry else _first_words(r.nature),
            "themes": theme_names(r.themes),
        }
        for r in reflections
    ]


def _first_words(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def measure_text(measure: Measure) -> str:
    have = hours_text(measure.have)
    if measure.need <= 0:
        return f"{have} {measure.unit}"
    return f"{have} of {hours_text(measure.need)} {measure.unit}"


def _tag(measure: Measure, still: Decimal) -> dict[str, str]:
    if measure.need <= 0:
        return {"text": "No set number", "classes": "nhsuk-tag--white"}
    if measure.met:
        return {"text": "Done", "classes": "nhsuk-tag--green"}
    return {"text": f"{hours_text(still)} {measure.unit} to go", "classes": "nhsuk-tag--grey"}


def summary_view(summary: Summary) -> dict[str, Any]:
    """Progress bars (a percentage each) and the same figures as table rows."""
    bars = []
    rows = []
    for m in summary.measures:
        percent = int(m.share * 100)
        still = max(Decimal(0), m.need - m.have)
        bars.append(
            {
                "id": f"progress-{m.key}",
                "label": m.label,
                "text": measure_text(m),
                "percent": percent if m.need > 0 else None,
                "tag": _tag(m, still),
            }
        )
        rows.append(
            [
                m.label,
                {"text": hours_text(m.have), "format": "numeric"},
                {"text": hours_text(m.need) if m.need > 0 else "None set", "format": "numeric"},
                {"text": hours_text(still), "format": "numeric"},
                m.unit,
                "Yes" if m.met else "Not yet",
            ]
        )
    return {
        "window": f"{_long_date(summary.start)} to {_long_date(summary.end)}",
        "bars": bars,
        "rows": rows,
        "entries": summary.entries,
        "complete": summary.complete,
        "preset": summary.preset,
    }


SUMMARY_HEAD = ["What is needed", "You have", "Needed", "Still to do", "Unit", "Done"]


def summary_table(summary: Summary) -> list[list[str]]:
    """The summary's figures as plain text rows (first the header), for the PDF."""
    view = summary_view(summary)
    return [SUMMARY_HEAD] + [
        [cell["text"] if isinstance(cell, dict) else cell for cell in row] for row in view["rows"]
    ]


ENTRY_HEAD = [
    "Date",
    "Days",
    "Learning",
    "Hours",
    "Participatory",
    "What I learnt",
    "How it changed my practice",
    "What I learnt with a peer",
    "Source",
]


def entry_table(entries: Sequence[CpdEntry]) -> list[list[str]]:
    return [ENTRY_HEAD] + [
        [
            e.done_on.isoformat(),
            str(e.days),
            e.title,
            hours_text(e.hours),
            "Yes" if e.participatory else "No",
            e.learnt,
            e.practice_change,
            e.peer_reflection,
            "Portal" if e.from_portal else "Added by me",
        ]
        for e in entries
    ]


REFLECTION_HEAD = [
    "Date",
    "What it was",
    "What I learnt",
    "How I changed or improved my practice",
    "Themes of the Code",
    "How it relates to them",
]


def reflection_table(reflections: Sequence[Reflection]) -> list[list[str]]:
    return [REFLECTION_HEAD] + [
        [
            r.written_on.isoformat(),
            r.nature,
            r.learnt,
            r.practice_change,
            theme_names(r.themes),
            r.code_relation,
        ]
        for r in reflections
    ]


def csv_lines(entries: Sequence[CpdEntry], reflections: Sequence[Reflection]) -> list[list[str]]:
    """The log and the reflective accounts in one CSV: two blocks, each with its header."""
    width = len(ENTRY_HEAD)

    def pad(row: list[str]) -> list[str]:
        return row + [""] * (width - len(row))

    return [
        pad(["CPD log"]),
        *entry_table(entries),
        pad([]),
        pad(["Reflective accounts"]),
        *(pad(r) for r in reflection_table(reflections)),
    ]
