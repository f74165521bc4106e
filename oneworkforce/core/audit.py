"""Helpers services use to write the audit log.

Services take a snapshot of an object's fields before a change, make the change, and call
:func:`record` with the difference. Sensitive fields are recorded as changed without values.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast

from .models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

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
    actor: AbstractBaseUser | AnonymousUser | None,
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


def redactor(values: Iterable[str], replacement: str) -> Callable[[Any], Any]:
    """A function that replaces each of ``values`` (whole words, any case) by ``replacement``
    in a text, or in every text inside a JSON-plain list or dict."""
    texts = sorted({v.strip() for v in values if v and len(v.strip()) >= 2}, key=len, reverse=True)
    if not texts:
        return lambda value: value
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in texts), flags=re.IGNORECASE
    )

    def redact(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(replacement, value)
        if isinstance(value, list):
            return [redact(v) for v in value]
        if isinstance(value, dict):
            return {k: redact(v) for k, v in value.items()}
        return value

    return redact


def forget_person(*, actor_ref: int | None, values: Iterable[str], replacement: str) -> int:
    """The one rewrite the append-only log allows: when a person's account is deleted, the
    events keep their counts, actions and account number, but no longer hold the person's
    identifying text (``values``: their name, e-mail address, phone, postcode) in a
    description or a change, and no longer point at their account. Returns events changed."""
    texts = {v.strip() for v in values if v and len(v.strip()) >= 2}
    changed = 0
    if actor_ref is not None:
        by_person = AuditEvent.objects.filter(actor_id=actor_ref)
        changed += models.QuerySet.update(by_person, actor=None)
    if not texts:
        return changed
    redact = redactor(texts, replacement)
    found = Q()
    for text in texts:
        found |= Q(object_repr__icontains=text) | Q(changes_text__icontains=text)
        # JSON may store a non-ASCII character escaped: look for both spellings.
        escaped = json.dumps(text)[1:-1]
        if escaped != text:
            found |= Q(changes_text__icontains=escaped)
    events = AuditEvent.objects.annotate(changes_text=Cast("changes", models.TextField()))
    for event in events.filter(found).iterator():
        description, changes = redact(event.object_repr), redact(event.changes)
        if description != event.object_repr or changes != event.changes:
            row = AuditEvent.objects.filter(pk=event.pk)
            models.QuerySet.update(row, object_repr=description[:200], changes=changes)
            changed += 1
    return changed
