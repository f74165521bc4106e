"""Header navigation and account links, built from the request (presenter-style, no DB joins)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from .permissions import is_any_admin

# (label, url name, path prefix that marks the item current, who sees it)
_NAV = [
    ("Jobs", "careers:jobs", "/jobs/", "everyone"),
    ("Careers", "careers:index", "/careers/", "everyone"),
    ("Learning", "learning:home", "/learning/", "everyone"),
    ("Partners", "partners:directory", "/partners/", "everyone"),
    ("Frameworks", "partners:frameworks", "/frameworks/", "everyone"),
    ("Faculties", "partners:faculties", "/faculties/", "everyone"),
    ("Intelligence", "intelligence:home", "/intelligence/", "everyone"),
    ("Working together", "deployments:home", "/deployments/", "everyone"),
    ("Jobs and talent", "talent:home", "/talent/", "everyone"),
    ("Placements", "placements:home", "/placements/", "signed_in"),
    ("Decisions", "decisions:home", "/decisions/", "signed_in"),
    ("Manage", "partners:manage", "/manage/", "admin"),
]


def _can_see(request: HttpRequest, audience: str) -> bool:
    if audience == "everyone":
        return True
    user = request.user
    if audience == "signed_in":
        return bool(user.is_authenticated)
    return is_any_admin(user)


def navigation_items(request: HttpRequest) -> list[dict[str, Any]]:
    items = []
    for label, name, prefix, audience in _NAV:
        if not _can_see(request, audience):
            continue
        href = reverse(name)
        items.append(
            {
                "text": label,
                "href": href,
                "current": request.path == href,
                "active": request.path.startswith(prefix),
            }
        )
    return items


def account_items(request: HttpRequest) -> list[dict[str, Any]]:
    user = request.user
    if user.is_authenticated:
        return [
            {"text": user.display_name, "href": reverse("partners:account"), "icon": True},
            {"text": "Sign out", "href": reverse("partners:sign_out")},
        ]
    return [{"text": "Sign in", "href": reverse("partners:sign_in"), "icon": True}]
