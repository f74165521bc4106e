"""A candidate's rights and the retention period.

Anonymising removes everything that identifies a person — name, contact details, full
postcode, equality answers, free-text notes, status links — and keeps what outcome figures
need: postcode district, community, deprivation decile, cohort tags, the kinds of barrier and
support, qualifications, applications and checkpoints. Counts before and after agree.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.jobs import register
from oneworkforce.core.services import ServiceError

from .. import common
from ..models import Application, Candidate, Checkpoint
from ..pipeline.states import WAITING
from .services import EQUALITY_FIELDS, PERSONAL, contact_details, find_duplicate

if TYPE_CHECKING:
    from oneworkforce.partners.models import User

CORRECTABLE = ("full_name", "email", "phone", "postcode", "outward_code")


@transaction.atomic
def candidate_anonymise(*, candidate: Candidate, actor: User | None, reason: str) -> bool:
    """Remove the person's identifying data; ``False`` when it was already removed."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.is_anonymised:
        return False
    candidate.full_name = ""
    candidate.email = None
    candidate.phone = None
    candidate.postcode = ""
    candidate.travel_km = None
    candidate.in_pool = False
    candidate.anonymised_at = timezone.now()
    candidate.save()
    candidate.barriers.update(note="")
    candidate.interventions.update(description="", outcome_note="")
    candidate.applications.update(reason="")
    candidate.links.all().delete()
    if hasattr(candidate, "equality"):
        candidate.equality.delete()
    for application in candidate.applications.all():
        application.steps.update(note="")
        application.screening.update(note="")
        application.checkpoints.update(note="")
        application.case_notes.update(text="")
        application.interviews.update(outcome_note="")
    audit.record(
        actor=actor,
        action="talent.candidate_anonymised",
        obj=candidate,
        label=f"Candidate {candidate.reference}",
        changes={"reason": reason},
    )
    return True


def candidate_erase(*, candidate: Candidate) -> bool:
    """The candidate asked us to delete their data."""
    return candidate_anonymise(candidate=candidate, actor=None, reason="The candidate asked")


@transaction.atomic
def candidate_correct(
    *, candidate: Candidate, full_name: str, email: str | None, phone: str | None, postcode: str
) -> Candidate:
    """The candidate corrects their own name, contact details or postcode from their status
    page (the right to rectification). Audited as done by the candidate."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.is_anonymised:
        raise ServiceError("Your details have been deleted", field="full_name")
    name = " ".join((full_name or "").split())
    if not name:
        raise ServiceError("Enter your name", field="full_name")
    email, phone = contact_details(email, phone)
    if find_duplicate(email=email, phone=phone, exclude=candidate.pk) is not None:
        # Never say whose they are: ask the person to talk to the coordinator instead.
        raise ServiceError(
            "We cannot use this e-mail address or phone number here. Ask your talent "
            "coordinator to change it for you",
            field="email",
        )
    where = common.place(postcode)
    before = audit.snapshot(candidate, CORRECTABLE)
    candidate.full_name, candidate.email, candidate.phone = name, email, phone
    common.set_home(candidate, where)
    candidate.save()
    common.touch(candidate)
    changes = audit.diff(before, audit.snapshot(candidate, CORRECTABLE), sensitive=PERSONAL)
    if changes:
        audit.record(
            actor=None,
            action="talent.candidate_corrected",
            obj=candidate,
            label=f"Candidate {candidate.reference} (by the candidate)",
            changes=changes,
        )
    return candidate


def candidate_export(candidate: Candidate) -> dict[str, Any]:
    """Everything held about the candidate, as JSON-plain values (their right to see it)."""

    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value

    equality = getattr(candidate, "equality", None)
    return {
        "reference": candidate.reference,
        "name": candidate.full_name,
        "email": candidate.email,
        "phone": candidate.phone,
        "postcode": candidate.postcode,
        "community": candidate.community,
        "interests": {
            "kinds_of_work": candidate.interest_families,
            "where": candidate.interest_areas,
            "hours": candidate.hours,
        },
        "out_of_work_when_joined": candidate.previously_unemployed,
        "months_out_of_work": candidate.unemployed_months,
        "consent": {
            "lawful_basis": candidate.get_lawful_basis_display(),
            "given_at": plain(candidate.consent_at),
            "privacy_wording": candidate.consent_wording,
            "special_category_given_at": plain(candidate.special_category_consent_at),
        },
        "cohorts": [c.get_cohort_display() for c in candidate.cohorts.all()],
        "barriers": [
            {"barrier": b.get_kind_display(), "note": b.note, "resolved_on": plain(b.resolved_on)}
            for b in candidate.barriers.all()
        ],
        "equality_monitoring": (
            {name: getattr(equality, name) for name in EQUALITY_FIELDS} if equality else None
        ),
        "support": [
            {
                "support": i.get_kind_display(),
                "partner": i.organisation.name,
                "started": plain(i.starts_on),
                "ended": plain(i.ends_on),
                "outcome": i.get_outcome_display(),
            }
            for i in candidate.interventions.select_related("organisation")
        ],
        "qualifications": [
            {
                "qualification": str(q),
                "status": q.get_status_display(),
                "achieved_on": plain(q.achieved_on),
            }
            for q in candidate.qualifications.all()
        ],
        "applications": [
            {
                "vacancy": a.vacancy.title,
                "partner": a.vacancy.organisation.name,
                "step": a.get_state_display(),
                "started_on": plain(a.started_on),
                "history": [
                    {"step": s.get_to_state_display(), "at": plain(s.at)} for s in a.steps.all()
                ],
            }
            for a in candidate.applications.select_related("vacancy__organisation")
        ],
        "events": [
            {"event": r.event.title, "starts_at": plain(r.event.starts_at)}
            for r in candidate.event_registrations.select_related("event")
        ],
    }


def retention_months() -> int:
    return int(getattr(settings, "TALENT_RETENTION_MONTHS", 24))


def due_for_anonymising(now: dt.datetime) -> Any:
    """Candidates idle for the retention period with nothing outstanding: no application in a
    waiting state, no start whose checkpoints are still to record."""
    cutoff = now - dt.timedelta(days=round(retention_months() * 30.44))
    waiting = Application.objects.filter(state__in=[s.value for s in WAITING]).values(
        "candidate_id"
    )
    open_checkpoints = Checkpoint.objects.filter(outcome="").values("application__candidate_id")
    return Candidate.objects.current().filter(
        ~Q(pk__in=waiting) & ~Q(pk__in=open_checkpoints), last_activity_at__lt=cutoff
    )


@register("talent-retention", "Anonymise candidates past the talent hub's retention period")
def anonymise_due(now: dt.datetime) -> int:
    done = 0
    for candidate in due_for_anonymising(now).order_by("pk")[:1000]:
        done += candidate_anonymise(
            candidate=candidate,
            actor=None,
            reason=f"No activity for {retention_months()} months",
        )
    return done
