"""The readable summary on the "your data" page, from the downloaded record (pure)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from django.utils.timezone import is_aware

from oneworkforce.core import formatting

from .rights import sections

_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")


def _words(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _text(value: Any) -> str:
    if value is None or value == "":
        return "None"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and _DATETIME.match(value):
        moment = dt.datetime.fromisoformat(value)
        return formatting.datetime(timezone.localtime(moment) if is_aware(moment) else moment)
    if isinstance(value, dict):
        return "; ".join(f"{_words(k)}: {_text(v)}" for k, v in value.items()) or "None"
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value) or "None"
    return str(value)


def _summary_list(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"key": {"text": _words(k)}, "value": {"text": _text(v)}} for k, v in item.items()]


def _nested(item: dict[str, Any]) -> bool:
    return any(
        isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, dict) for x in v))
        for v in item.values()
    )


def summary(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The download as sections the page shows: a summary list for one record (or for each
    record with records inside), a table for a list of plain records."""
    shown = []
    for key, title in sections():
        value = data.get(key)
        section: dict[str, Any] = {"title": title, "lists": [], "heads": [], "rows": []}
        if isinstance(value, dict):
            section["lists"] = [_summary_list(value)]
        elif value and all(isinstance(v, dict) for v in value):
            if any(_nested(v) for v in value):
                section["lists"] = [_summary_list(v) for v in value]
            else:
                section["heads"] = [_words(k) for k in value[0]]
                section["rows"] = [[_text(v) for v in item.values()] for item in value]
        shown.append(section)
    return shown
