"""Saving the prospectus text (one transaction, audited)."""

from __future__ import annotations

from django.db import transaction

from oneworkforce.core import audit
from oneworkforce.partners.models import User

from ..models import Prospectus
from .selectors import prospectus_text

FIELDS = ("title", "place", "why_here", "support", "contacts")


@transaction.atomic
def prospectus_save(
    *, actor: User, title: str, place: str, why_here: str, support: str, contacts: str
) -> Prospectus:
    target = prospectus_text()
    before = audit.snapshot_stored(target, FIELDS) if target.pk else {}
    target.title = " ".join((title or "").split()) or "Work in health and care"
    target.place = " ".join((place or "").split())
    target.why_here, target.support = (why_here or "").strip(), (support or "").strip()
    target.contacts, target.updated_by = (contacts or "").strip(), actor
    target.save()
    audit.record(
        actor=actor,
        action="careers.prospectus_saved",
        obj=target,
        changes=audit.diff(before, audit.snapshot(target, FIELDS)),
    )
    return target
