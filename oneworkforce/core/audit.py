"""Helpers services use to write the audit log.

Services take a snapshot of an object's fields before a change, make the change, and call
:func:`record` with the difference. Sensitive fields are recorded as changed without values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models

from .models import AuditEvent

REDACTED = {"changed": True}


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields``, as JSON-friendly values (foreign keys as ids)."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _plain(getattr(instance, attname))
    return values


def snapshot_stored(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values as stored in the database, ignoring unsaved changes on ``instance``.

    Services use this for "before" values: a bound ModelForm has already copied the submitted
    values onto its instance by the time the service runs.
    """
    if instance.pk is None:
        return {}
    stored = instance._meta.model._default_manager.filter(pk=instance.pk).first()
    return snapshot(stored, fields) if stored is not None else {}


def diff(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    sensitive: Iterable[str] = (),
) -> dict[str, Any]:
    """Fields whose value differs, as ``{"from", "to"}``, redacted for sensitive fields."""
    hidden = set(sensitive)
    changes: dict[str, Any] = {}
    for name in sorted(set(before) | set(after)):
        old, new = _plain(before.get(name)), _plain(after.get(name))
        if old != new:
            changes[name] = dict(REDACTED) if name in hidden else {"from": old, "to": new}
    return changes


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: Mapping[str, Any] | None = None,
    organisation: Any = None,
    label: str | None = None,
) -> AuditEvent:
    """Append one event. ``actor`` is a user or ``None`` for the system."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_ref=actor.pk if is_user else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=(label if label is not None else str(obj))[:200],
        organisation=organisation,
        changes=dict(changes or {}),
    )
