"""What every page's layout needs: service name, navigation, account links, footer."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from .navigation import account_items, navigation_items


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
        }
    }
