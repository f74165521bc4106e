"""What the management pages show. No database access here."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from oneworkforce.core import audit


def _audit_value(value: Any, *, nested: bool = False) -> str:
    """A recorded value in words: lists as their items, dicts as 'name: value' pairs, and
    anything inside another list or dict in brackets so its items stay apart."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        text = ", ".join(_audit_value(item, nested=True) for item in value) or "none"
    elif isinstance(value, dict):
        text = "; ".join(
            f"{_audit_label(name)}: {_audit_value(item, nested=True)}"
            for name, item in value.items()
        )
        text = text or "none"
    else:
        return str(value)
    return f"({text})" if nested else text


def _audit_label(name: Any) -> str:
    return str(name).replace("_", " ")


def _is_pair(change: Any) -> bool:
    return isinstance(change, dict) and set(change) == {"from", "to"}


def audit_changes(changes: Any) -> Markup:
    """One readable line per field of an audit event's ``changes``.

    Services record three shapes (see ``core.audit``): a ``{"from", "to"}`` pair, shown as
    'field: from → to'; a redacted ``{"changed": true}``, shown as changed without a value; and
    a plain value (a figure, a list, a nested dict), shown as 'field: value'. Anything else the
    log holds is shown as a value rather than refused.
    """
    if not isinstance(changes, dict):
        return escape("" if changes in (None, "") else _audit_value(changes))
    lines = []
    for name, change in sorted(changes.items(), key=lambda item: str(item[0])):
        label = _audit_label(name)
        if change == audit.REDACTED:
            lines.append(Markup("{}: changed (value not recorded)").format(label))
        elif _is_pair(change):
            old, new = _audit_value(change["from"]), _audit_value(change["to"])
            lines.append(Markup("{}: {} → {}").format(label, old, new))
        else:
            lines.append(Markup("{}: {}").format(label, _audit_value(change)))
    return Markup("<br>").join(lines) if lines else escape("")
