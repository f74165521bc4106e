"""CPD workflows: a person's own log entries (and those their portal completions make),
reflective accounts and their renewal date. Each runs in one transaction and writes the audit
log (which names the fields changed, never the person's words); each refusal is a
:class:`ServiceError` on the field at fault, and writes nothing."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import User

from ..models import Completion, CompletionState, CpdEntry, Reflection, RevalidationPlan
from .revalidation import all_themes, presets

MAX_HOURS = Decimal(1000)
HOURS_A_DAY = 24
MAX_DAYS = 366
# A single session's own length stands for its hours only when it fits in a day; a course's
# run (several dates) takes the listing's stated duration instead.
LONGEST_SESSION = dt.timedelta(hours=24)


def portal_hours(completion: Completion) -> Decimal:
    """The hours a portal completion brings to the log: its session's length when it was one
    session on one day, else the listing's stated duration, else none (the learner adds them)."""
    booking = completion.booking
    if booking is not None:
        length = booking.session.ends_at - booking.session.starts_at
        if dt.timedelta(0) < length <= LONGEST_SESSION:
            return (Decimal(int(length.total_seconds())) / 3600).quantize(Decimal("0.01"))
    minutes = completion.opportunity.duration_minutes
    return (Decimal(minutes) / 60).quantize(Decimal("0.01")) if minutes else Decimal(0)


def completions_log(*, completions: Iterable[Completion]) -> int:
    """Verified completions not yet in their learners' logs enter them (each once, whatever
    calls this and however often). Returns how many entries were made."""
    made = 0
    for completion in completions:
        if completion.state != CompletionState.VERIFIED:
            continue
        hours = min(portal_hours(completion), MAX_HOURS)
        entry, created = CpdEntry.objects.get_or_create(
            completion=completion,
            defaults={
                "person_id": completion.learner_id,
                "done_on": completion.completed_on,
                "days": max(1, math.ceil(hours / HOURS_A_DAY)),
                "title": completion.opportunity.title[:200],
                "hours": hours,
                "participatory": completion.opportunity.is_dated,
            },
        )
        if created:
            audit.record(
                actor=None,
                action="learning.cpd_entry_from_portal",
                obj=entry,
                changes={"completion": completion.pk, "hours": str(hours)},
            )
            made += 1
    return made


def completions_backfill() -> int:
    """Every verified completion missing from its learner's log (those made in bulk, or before
    the log existed) enters it: the ``learning-cpd-log`` job."""
    missing = (
        Completion.objects.verified()
        .filter(cpd_entry__isnull=True, learner__is_active=True)
        .select_related("opportunity", "booking__session")
        .order_by("pk")
    )
    with transaction.atomic():
        return completions_log(completions=missing.iterator(chunk_size=500))


def _check_entry(done_on: dt.date, days: int, title: str, hours: Decimal) -> None:
    if not title.strip():
        raise ServiceError("Enter what the learning was called", field="title")
    if done_on > timezone.localdate():
        raise ServiceError("The date cannot be in the future", field="done_on")
    if not 1 <= days <= MAX_DAYS:
        raise ServiceError(f"The number of days must be from 1 to {MAX_DAYS}", field="days")
    if hours <= 0:
        raise ServiceError("Hours must be more than 0", field="hours")
    if hours > MAX_HOURS:
        raise ServiceError("One entry can be at most 1,000 hours", field="hours")
    if hours > HOURS_A_DAY * days:
        raise ServiceError(
            f"{hours} hours is more than 24 hours a day over {days} "
            f"{'day' if days == 1 else 'days'}: check the hours or the number of days",
            field="hours",
        )


def _save(actor: User, row: Any, values: dict[str, Any], action: str, label: str) -> Any:
    """Set ``values`` on the person's new or existing row, save it and audit which fields
    changed (``<action>_added`` or ``<action>_changed``), never their words."""
    created = row.pk is None
    changed = [k for k, v in values.items() if getattr(row, k, None) != v]
    for key, value in values.items():
        setattr(row, key, value)
    row.save()
    audit.record(
        actor=actor,
        action=f"{action}_added" if created else f"{action}_changed",
        obj=row,
        changes={"fields": changed},
        label=label,
    )
    return row


@transaction.atomic
def cpd_entry_save(
    *,
    actor: User,
    entry: CpdEntry | None,
    done_on: dt.date,
    days: int,
    title: str,
    hours: Decimal,
    participatory: bool,
    learnt: str,
    practice_change: str,
    peer_reflection: str = "",
) -> CpdEntry:
    """Add an entry to the person's own log, or change one of theirs."""
    if entry is not None and entry.person_id != actor.pk:
        raise ServiceError("This is not your CPD entry.")
    _check_entry(done_on, days, title, hours)
    values: dict[str, Any] = {
        "done_on": done_on,
        "days": days,
        "title": title.strip(),
        "hours": hours.quantize(Decimal("0.01")),
        "participatory": participatory,
        "learnt": learnt.strip(),
        "practice_change": practice_change.strip(),
        "peer_reflection": peer_reflection.strip(),
    }
    return _save(actor, entry or CpdEntry(person=actor), values, "learning.cpd_entry", "CPD entry")


@transaction.atomic
def cpd_entry_delete(*, actor: User, entry: CpdEntry) -> None:
    if entry.person_id != actor.pk:
        raise ServiceError("This is not your CPD entry.")
    if entry.from_portal:
        raise ServiceError(
            "This entry comes from learning the portal recorded, so it stays in your log; you "
            "can change its hours and what you learnt."
        )
    audit.record(actor=actor, action="learning.cpd_entry_deleted", obj=entry, label="CPD entry")
    entry.delete()


def _check_reflection(actor: User, values: dict[str, Any]) -> None:
    missing = {
        "nature": "Say what the CPD, feedback or experience was",
        "learnt": "Say what you learnt from it",
        "practice_change": "Say how you changed or improved your practice",
        "code_relation": "Say how it relates to the themes you chose",
    }
    for field, message in missing.items():
        if not values[field]:
            raise ServiceError(message, field=field)
    known = all_themes()
    if not values["themes"]:
        raise ServiceError("Choose at least one theme of the Code", field="themes")
    if any(t not in known for t in values["themes"]):
        raise ServiceError("Choose themes from the list", field="themes")
    if values["written_on"] > timezone.localdate():
        raise ServiceError("The date cannot be in the future", field="written_on")
    entry = values["entry"]
    if entry is not None and entry.person_id != actor.pk:
        raise ServiceError("Choose one of your own CPD entries", field="entry")


@transaction.atomic
def reflection_save(
    *,
    actor: User,
    reflection: Reflection | None,
    written_on: dt.date,
    entry: CpdEntry | None,
    nature: str,
    learnt: str,
    practice_change: str,
    themes: Sequence[str],
    code_relation: str,
) -> Reflection:
    """Write a reflective account, or change one of the person's own."""
    if reflection is not None and reflection.person_id != actor.pk:
        raise ServiceError("This is not your reflective account.")
    values: dict[str, Any] = {
        "written_on": written_on,
        "entry": entry,
        "nature": nature.strip(),
        "learnt": learnt.strip(),
        "practice_change": practice_change.strip(),
        "themes": sorted(set(themes)),
        "code_relation": code_relation.strip(),
    }
    _check_reflection(actor, values)
    return _save(
        actor,
        reflection or Reflection(person=actor),
        values,
        "learning.reflection",
        "Reflective account",
    )


@transaction.atomic
def revalidation_plan_set(*, actor: User, preset: str, renewal_on: dt.date) -> RevalidationPlan:
    """The person's renewal date and the preset their summary measures against."""
    if preset not in presets():
        raise ServiceError("Choose who you renew your registration with", field="preset")
    today = timezone.localdate()
    if renewal_on > today + dt.timedelta(days=6 * 366):
        raise ServiceError(
            "The renewal date is more than six years away: check the year", field="renewal_on"
        )
    if renewal_on < dt.date(2000, 1, 1):
        raise ServiceError("The renewal date must be in 2000 or later", field="renewal_on")
    plan, _ = RevalidationPlan.objects.update_or_create(
        person=actor, defaults={"preset": preset, "renewal_on": renewal_on}
    )
    audit.record(
        actor=actor,
        action="learning.revalidation_date_set",
        obj=plan,
        changes={"preset": preset, "renewal_on": renewal_on.isoformat()},
        label="Renewal date",
    )
    return plan


def cpd_erase(*, user: User) -> None:
    """The person deleted their account: their log, reflections and renewal date go."""
    Reflection.objects.filter(person=user).delete()
    CpdEntry.objects.filter(person=user).delete()
    RevalidationPlan.objects.filter(person=user).delete()
