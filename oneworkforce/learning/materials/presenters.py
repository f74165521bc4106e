"""Display decisions for session materials (no database)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def file_size(size: int) -> str:
    """A file's size as people read it: '850 KB', '4.2 MB' (1 KB is 1,024 bytes)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def rows(materials: Iterable[Any]) -> list[dict[str, Any]]:
    """What the pages show of each material (never its file's bytes)."""
    return [
        {
            "pk": m.pk,
            "title": m.title,
            "link": m.link,
            "file_name": m.file_name,
            "size": file_size(m.file_size) if m.file_name else "",
            "audience": m.get_audience_display(),
            "who_can_use": m.who_can_use,
            "session_starts_at": m.session.starts_at,
        }
        for m in materials
    ]
