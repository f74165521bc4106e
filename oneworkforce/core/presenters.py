"""Presenters shared by every app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils import timezone

from . import formatting


def paginate(request: HttpRequest, items: Any, per_page: int = 25) -> Page:
    """The requested page; a page number that is not a number or out of range gives the
    nearest real page rather than an error."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def pagination(page: Page, base_query: str) -> dict[str, Any]:
    """Parameters for the NHS.UK pagination macro, keeping the search in the links."""
    prefix = f"?{base_query}&" if base_query else "?"
    params: dict[str, Any] = {}
    if page.has_previous():
        params["previous"] = {
            "href": f"{prefix}page={page.previous_page_number()}",
            "labelText": f"Page {page.previous_page_number()} of {page.paginator.num_pages}",
        }
    if page.has_next():
        params["next"] = {
            "href": f"{prefix}page={page.next_page_number()}",
            "labelText": f"Page {page.next_page_number()} of {page.paginator.num_pages}",
        }
    return params


def home_rows(tasks: list[Any], today: dt.date) -> list[dict[str, Any]]:
    """The signed-in home's rows (core.home tasks): how many, how old the oldest is (or when the
    next one is), and where to act."""
    rows = []
    for task in tasks:
        since = task.since
        day = since.date() if isinstance(since, dt.datetime) else since
        if isinstance(since, dt.datetime) and timezone.is_aware(since):
            day = timezone.localtime(since).date()
        if day is None:
            age = ""
        elif task.upcoming:
            age = "Next: today" if day == today else f"Next: {formatting.date(day)}"
        elif task.overdue:
            age = f"Oldest overdue by {formatting.count(max((today - day).days, 0), 'day')}"
        else:
            days = (today - day).days
            age = (
                "Oldest waiting since today"
                if days <= 0
                else (f"Oldest waiting {formatting.count(days, 'day')}")
            )
        rows.append(
            {
                "capability": task.capability,
                "title": task.title,
                "detail": task.detail,
                "count": f"{task.count:,}",
                "age": age,
                "href": task.href,
                "action": task.action,
                "overdue": task.overdue,
            }
        )
    return rows
