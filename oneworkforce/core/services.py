"""What every app's services share: the error they raise and unique slugs."""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify


class ServiceError(Exception):
    """A workflow rule was broken. ``field`` names the form field the message belongs to."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def unique_slug(
    model: Any, text: str, *, exclude_pk: int | None = None, fallback: str = "item"
) -> str:
    """A slug for ``text`` that no other row of ``model`` has (``name``, ``name-2``, ...)."""
    base = slugify(text)[:100] or fallback
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug
