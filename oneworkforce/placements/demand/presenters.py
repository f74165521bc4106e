"""What demand pages show. Pure: no database."""

from __future__ import annotations

from typing import Any

from ..models.choices import SettingRequirement


def requirement_text(code: str) -> str:
    return dict(SettingRequirement.choices).get(code, code) or "No setting requirement"


def request_rows(requests: Any) -> list[list[Any]]:
    return [
        [
            r.block.name,
            {"text": r.students, "format": "numeric"},
            f"{r.starts_on:%-d %b %Y} to {r.ends_on:%-d %b %Y}",
            {"text": r.required_hours, "format": "numeric"},
        ]
        for r in requests
    ]
