"""What every page's layout needs: service name, navigation, account links, footer."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse

from .navigation import account_items, navigation_items


def header_branding() -> dict[str, Any]:
    """The header belongs to the partnership: its name and, if it has one, its logo. The NHS
    logo is shown only when SHOW_NHS_LOGO is on (an NHS body running the service alone)."""
    logo = settings.PARTNERSHIP_LOGO
    if logo and not logo.startswith(("https://", "http://", "/")):
        logo = static(logo)
    name = settings.PARTNERSHIP_NAME
    return {
        "organisation": {"name": name} if name and not logo else None,
        "logo": {"src": logo, "alt": name or settings.SERVICE_NAME} if logo else {},
        "label": " ".join(filter(None, [name, settings.SERVICE_NAME, "homepage"])),
        "classes": "" if logo or settings.SHOW_NHS_LOGO else "owf-header--no-nhs-logo",
    }


def layout(request: HttpRequest) -> dict[str, Any]:
    return {
        "layout": {
            "service_name": settings.SERVICE_NAME,
            "asset_path": settings.STATIC_URL.rstrip("/"),
            "navigation": navigation_items(request),
            "account_items": account_items(request),
            "footer_links": [
                {"text": "Accessibility statement", "href": reverse("core:accessibility")},
                {"text": "Privacy notice", "href": reverse("core:privacy")},
                {"text": "Cookies", "href": reverse("core:cookies")},
                {"text": "API", "href": "/api/v1/docs"},
            ],
            "is_demo": settings.SHOW_DEMO_BANNER,
            "header": header_branding(),
        }
    }
