"""Presenters shared by every app."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


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
