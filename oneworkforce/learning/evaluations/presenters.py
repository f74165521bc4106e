"""What providers see of evaluations: figures only where at least ``MIN_ANSWERS`` people
answered (fewer could point at one person's answers), charts with the same figures in tables,
and people's words only from that many answers, never with names. No database access."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.urls import reverse

from oneworkforce.core import charts

from ..models import Completion
from ..practice_models import USEFULNESS_CHOICES
from .selectors import Figures

MIN_ANSWERS = 5
HIDDEN = f"Shown from {MIN_ANSWERS} answers"


def shown(figures: Figures) -> bool:
    return figures.answers >= MIN_ANSWERS


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%"


def cells(figures: Figures) -> dict[str, Any]:
    """The figures as text, each one hidden when fewer than ``MIN_ANSWERS`` answered."""
    if not shown(figures):
        return {
            "shown": False,
            "answers": f"{figures.answers:,}",
            "useful": HIDDEN,
            "recommend": HIDDEN,
            "mean": HIDDEN,
        }
    return {
        "shown": True,
        "answers": f"{figures.answers:,}",
        "useful": _share(figures.useful, figures.answers),
        "recommend": _share(figures.recommend, figures.answers),
        "mean": f"{figures.mean:.1f} out of 5",
    }


def public(figures: Figures) -> dict[str, Any]:
    """The same rule for the API: numbers, or ``None`` where fewer than five answered."""
    ok = shown(figures)
    return {
        "answers": figures.answers,
        "useful_share": round(figures.useful / figures.answers, 3) if ok else None,
        "recommend_share": round(figures.recommend / figures.answers, 3) if ok else None,
        "mean_usefulness": round(figures.mean, 2) if ok and figures.mean is not None else None,
    }


def listings(figures: Sequence[Figures]) -> dict[str, Any]:
    """Each listing's figures as table rows, and a bar chart of the mean rating of those with
    enough answers."""
    rows = [{"slug": f.slug, "title": f.label, **cells(f)} for f in figures]
    enough = [f for f in figures if shown(f) and f.mean is not None]
    chart = (
        charts.bar_chart([(f.label, f.mean, f"{f.mean:.1f}") for f in enough]) if enough else None
    )
    return {"rows": rows, "chart": chart}


def trend(months: Sequence[tuple[dt.date, Figures]]) -> dict[str, Any]:
    """Month by month: the share who found it useful (4 or 5) and who would recommend it, as
    a line chart (months with fewer than five answers left out) and as a table."""

    def share(f: Figures, part: int) -> float | None:
        return part / f.answers if shown(f) else None

    chart = (
        charts.line_chart(
            [f"{month:%b %Y}" for month, _ in months],
            [
                ("Useful (4 or 5)", [share(f, f.useful) for _, f in months]),
                ("Recommend", [share(f, f.recommend) for _, f in months]),
            ],
            digits=0,
        )
        if sum(shown(f) for _, f in months) > 1
        else None
    )
    rows = []
    for month, f in months:
        c = cells(f)
        rows.append(
            [
                f"{month:%B %Y}",
                {"text": c["answers"], "format": "numeric"},
                {"text": c["useful"], "format": "numeric"},
                {"text": c["recommend"], "format": "numeric"},
                {"text": c["mean"], "format": "numeric"},
            ]
        )
    return {"chart": chart, "rows": rows}


def spread(figures: Figures, counts: dict[int, int]) -> dict[str, Any] | None:
    """How many gave each rating, only from ``MIN_ANSWERS`` answers."""
    if not shown(figures):
        return None
    names = dict(USEFULNESS_CHOICES)
    items = [(f"{score}: {names[score]}", float(n), f"{n:,}") for score, n in counts.items()]
    return {
        "chart": charts.bar_chart(items),
        "rows": [
            [label, {"text": text, "format": "numeric"}, _share(int(n), figures.answers)]
            for label, n, text in items
        ],
    }


def words(figures: Figures, texts: Sequence[str]) -> list[str] | None:
    """People's words, only from ``MIN_ANSWERS`` answers (``None`` before), each text once in
    the order given, with how many wrote it when more than one did."""
    if not shown(figures):
        return None
    counts = Counter(texts)
    return [text if n == 1 else f"{text} ({n} people)" for text, n in counts.items()]


def evaluation_url(completion: Completion) -> str:
    """Where the learner evaluates what this completion records."""
    if completion.booking_id is not None:
        return reverse("learning:evaluate_booking", kwargs={"pk": completion.booking_id})
    return reverse("learning:evaluate_listing", kwargs={"slug": completion.opportunity.slug})


def awaiting_rows(completions: Sequence[Completion]) -> list[dict[str, str]]:
    return [
        {
            "title": c.opportunity.title,
            "provider": c.opportunity.organisation.name,
            "when": f"{c.completed_on:%-d %B %Y}",
            "href": evaluation_url(c),
        }
        for c in completions
    ]
