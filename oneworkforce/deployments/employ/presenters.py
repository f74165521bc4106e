"""Employ and deploy as the pages show it: staff rows, agreed-post rows and the chart of agreed
against in post. Pure: reads only the objects it is given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from oneworkforce.core.charts import BarChart, bar_chart
from oneworkforce.core.formatting import date as long_date

from ..models import Employment
from .selectors import PostLine

AGREED_COLOUR, IN_POST_COLOUR = "#005eb8", "#007f3b"


def staff_status(employment: Employment, on: dt.date) -> str:
    if employment.starts_on > on:
        return f"Starts {long_date(employment.starts_on)}"
    if employment.ends_on is not None and employment.ends_on < on:
        return f"Left {long_date(employment.ends_on)}"
    if employment.ends_on is not None:
        return f"In post until {long_date(employment.ends_on)}"
    return "In post"


def staff_row(employment: Employment, on: dt.date) -> dict[str, Any]:
    """A row of a staff table: the base practice first, then the visiting practices."""
    visiting = sorted(
        p.name for p in employment.practices.all() if p.pk != employment.base_practice_id
    )
    return {
        "id": employment.pk,
        "name": employment.name,
        "job_title": employment.job_title,
        "pcn": employment.pcn.name,
        "base": employment.base_practice.name,
        "visiting": ", ".join(visiting) or "None",
        "status": staff_status(employment, on),
        "can_end": employment.ends_on is None or employment.ends_on >= on,
    }


def post_rows(posts: Iterable[PostLine]) -> list[dict[str, Any]]:
    return [
        {
            "job_title": r.job_title,
            "agreed": r.agreed,
            "in_post": r.in_post,
            "vacancies": r.vacancies,
            "note": f"{r.over} more than agreed" if r.over else "",
        }
        for r in posts
    ]


def chart_items(posts: Iterable[PostLine]) -> list[tuple[str, float, str]]:
    """Bars for the chart of agreed against in post, two per job title (the table has the same)."""
    items: list[tuple[str, float, str]] = []
    for r in posts:
        items.append((f"{r.job_title}: agreed", r.agreed, str(r.agreed)))
        items.append((f"{r.job_title}: in post", r.in_post, str(r.in_post)))
    return items


def post_chart(posts: Sequence[PostLine]) -> BarChart | None:
    """The bar chart of agreed (blue) against in post (green), or ``None`` without posts."""
    if not posts:
        return None
    chart = bar_chart(chart_items(posts))
    for index, bar in enumerate(chart.bars):
        bar.colour = IN_POST_COLOUR if index % 2 else AGREED_COLOUR
    return chart
