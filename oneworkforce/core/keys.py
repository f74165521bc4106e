"""Keys partners' own systems use for the API (learning statements, recruitment systems).

Each app keeps its own key model (organisation, name, prefix, digest, created_by, created_at,
last_used_at, revoked_at); these functions create, revoke and look keys up the same way for
all of them. Only a digest is stored; the raw key is shown once.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from . import audit
from .http import secret_digest
from .services import ServiceError

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


@transaction.atomic
def key_create(
    model: Any, *, actor: AbstractBaseUser, organisation: Any, name: str, marker: str, action: str
) -> tuple[Any, str]:
    """A new key of ``model`` starting with ``marker`` (such as ``owl_``); the raw value is
    returned once and never stored. ``action`` names the audit event."""
    raw = marker + secrets.token_urlsafe(32)
    key = model.objects.create(
        organisation=organisation,
        name=name,
        prefix=raw[:10],
        digest=secret_digest(raw),
        created_by=actor,
    )
    audit.record(actor=actor, action=action, obj=key, organisation=organisation)
    return key, raw


@transaction.atomic
def key_revoke(key: Any, *, actor: AbstractBaseUser, action: str) -> None:
    if key.revoked_at is not None:
        raise ServiceError("This key has already been revoked.")
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action=action, obj=key, organisation=key.organisation)


def key_organisation(model: Any, raw: str) -> Any:
    """The partner whose unrevoked key ``raw`` is, noting its use; ``None`` for any other."""
    key = (
        model.objects.select_related("organisation")
        .filter(digest=secret_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if key is None:
        return None
    model.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key.organisation
