"""The coordinator's candidate record: details, cohort tags and barriers, equality monitoring,
support interventions and qualifications.

Services take keyword-only arguments, run in one transaction, write the audit log (values of
sensitive fields redacted) and answer a broken rule with ``ServiceError`` having written
nothing. Every change restarts the candidate's retention clock (``common.touch``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.models import Completion
from oneworkforce.partners.models import Organisation, User

from .. import common
from ..models import (
    Barrier,
    Candidate,
    CandidateCohort,
    Equality,
    Intervention,
    LawfulBasis,
    Qualification,
    QualificationStatus,
)
from . import selectors

DETAIL_FIELDS = (
    "full_name",
    "email",
    "phone",
    "postcode",
    "community",
    "interest_families",
    "interest_areas",
    "hours",
    "travel_km",
    "previously_unemployed",
    "unemployed_months",
    "in_pool",
)
PERSONAL = ("full_name", "email", "phone", "postcode")
EQUALITY_FIELDS = ("age_band", "sex", "ethnicity", "disability", "religion", "sexual_orientation")
NOT_SAY = ("prefer_not", "Prefer not to say")
EQUALITY_CHOICES: dict[str, list[tuple[str, str]]] = {
    "age_band": [
        ("16-24", "16 to 24"),
        ("25-34", "25 to 34"),
        ("35-44", "35 to 44"),
        ("45-54", "45 to 54"),
        ("55-64", "55 to 64"),
        ("65+", "65 or over"),
        NOT_SAY,
    ],
    "sex": [("female", "Female"), ("male", "Male"), NOT_SAY],
    "ethnicity": [
        ("asian", "Asian or Asian British"),
        ("black", "Black, Black British, Caribbean or African"),
        ("mixed", "Mixed or multiple ethnic groups"),
        ("white", "White"),
        ("other", "Another ethnic group"),
        NOT_SAY,
    ],
    "disability": [("yes", "Yes"), ("no", "No"), NOT_SAY],
    "religion": [
        ("none", "No religion"),
        ("christian", "Christian"),
        ("muslim", "Muslim"),
        ("hindu", "Hindu"),
        ("sikh", "Sikh"),
        ("jewish", "Jewish"),
        ("buddhist", "Buddhist"),
        ("other", "Another religion"),
        NOT_SAY,
    ],
    "sexual_orientation": [
        ("straight", "Straight or heterosexual"),
        ("gay_lesbian", "Gay or lesbian"),
        ("bisexual", "Bisexual"),
        ("other", "Another sexual orientation"),
        NOT_SAY,
    ],
}
EQUALITY_LABELS = {
    "age_band": "Age",
    "sex": "Sex",
    "ethnicity": "Ethnic group",
    "disability": "Disabled",
    "religion": "Religion or belief",
    "sexual_orientation": "Sexual orientation",
}


def find_duplicate(
    *, email: str | None, phone: str | None, exclude: int | None = None
) -> Candidate | None:
    """A stored candidate with the same e-mail address or phone number."""
    match = Q(pk__in=[])
    if email:
        match |= Q(email=email)
    if phone:
        match |= Q(phone=phone)
    found = Candidate.objects.filter(match)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    return found.order_by("pk").first()


def merge_contact(
    *, candidate: Candidate, email: str | None, phone: str | None, actor: User | None
) -> Candidate | None:
    """A returning person's e-mail address or phone number fills a blank on their record,
    never overwrites, and never takes a value another candidate holds: when the two details
    match two people, neither is copied, the pair is flagged for a coordinator (audited as a
    possible duplicate) and the other candidate is returned."""
    other = find_duplicate(email=email, phone=phone, exclude=candidate.pk)
    if other is None:
        candidate.email = candidate.email or email
        candidate.phone = candidate.phone or phone
        return None
    audit.record(
        actor=actor,
        action="talent.possible_duplicate",
        obj=candidate,
        label=f"Candidate {candidate.reference}",
        changes={"also_matches": other.reference},
    )
    return other


def contact_details(email: str | None, phone: str | None) -> tuple[str | None, str | None]:
    """The e-mail address and phone number in their normal form; at least one is needed."""
    cleaned_email = common.normalise_email(email)
    cleaned_phone = common.normalise_phone(phone)
    if not cleaned_email and not cleaned_phone:
        raise ServiceError("Enter an e-mail address or a phone number", field="email")
    return cleaned_email, cleaned_phone


def _apply_details(candidate: Candidate, data: dict[str, Any]) -> None:
    where = common.place(data.get("postcode"))
    candidate.full_name = " ".join((data.get("full_name") or "").split())
    if not candidate.full_name:
        raise ServiceError("Enter the person's name", field="full_name")
    common.set_home(candidate, where)
    for name in ("interest_families", "interest_areas"):
        setattr(candidate, name, sorted(data.get(name) or []))
    candidate.hours = data.get("hours") or "any"
    candidate.travel_km = data.get("travel_km")
    candidate.previously_unemployed = bool(data.get("previously_unemployed"))
    months = data.get("unemployed_months")
    candidate.unemployed_months = months if candidate.previously_unemployed else None
    if data.get("community"):
        candidate.community = data["community"].strip()


@dataclass(frozen=True)
class Added:
    candidate: Candidate
    merged: bool
    also_matches: Candidate | None = None  # another candidate holding one of the details


@transaction.atomic
def candidate_add(
    *,
    actor: User,
    data: dict[str, Any],
    lawful_basis: str,
    consent_on: dt.date | None = None,
    merge: bool = False,
) -> Added:
    """Add a person a coordinator met.

    The same e-mail address or phone number as a stored candidate is refused, naming them,
    unless ``merge``: then the new details are added to that candidate (blanks never overwrite)
    by the same rule as the public form (``merge_contact``).
    """
    email, phone = contact_details(data.get("email"), data.get("phone"))
    if lawful_basis not in LawfulBasis.values:
        raise ServiceError(
            "Choose the lawful basis for holding their details", field="lawful_basis"
        )
    if lawful_basis == LawfulBasis.CONSENT and consent_on is None:
        raise ServiceError("Enter the date they gave consent", field="consent_on")
    if consent_on is not None and consent_on > timezone.localdate():
        raise ServiceError("The consent date cannot be in the future", field="consent_on")
    existing = find_duplicate(email=email, phone=phone)
    if existing is not None and not merge:
        raise ServiceError(
            f"{existing.reference} already has this e-mail address or phone number. "
            "Open their record, or tick the box to add these details to it.",
            field="email",
        )
    if existing is not None:
        before = audit.snapshot_stored(existing, DETAIL_FIELDS)
        keep = {k: v for k, v in data.items() if v not in (None, "", [])}
        merged_data = {**audit.snapshot(existing, DETAIL_FIELDS), **keep}
        merged_data["interest_families"] = sorted(
            set(existing.interest_families) | set(data.get("interest_families") or [])
        )
        merged_data["interest_areas"] = sorted(
            set(existing.interest_areas) | set(data.get("interest_areas") or [])
        )
        _apply_details(existing, merged_data)
        other = merge_contact(candidate=existing, email=email, phone=phone, actor=actor)
        existing.save()
        common.touch(existing)
        audit.record(
            actor=actor,
            action="talent.candidate_merged",
            obj=existing,
            label=f"Candidate {existing.reference}",
            changes=audit.diff(before, audit.snapshot(existing, DETAIL_FIELDS), sensitive=PERSONAL),
        )
        return Added(existing, merged=True, also_matches=other)
    candidate = Candidate(
        email=email,
        phone=phone,
        lawful_basis=lawful_basis,
        consent_at=(
            timezone.make_aware(dt.datetime.combine(consent_on, dt.time(12)))
            if consent_on
            else None
        ),
        created_by=actor,
    )
    _apply_details(candidate, data)
    candidate.save()
    audit.record(
        actor=actor,
        action="talent.candidate_added",
        obj=candidate,
        label=f"Candidate {candidate.reference}",
        changes={"lawful_basis": lawful_basis},
    )
    return Added(candidate, merged=False)


@transaction.atomic
def candidate_update(*, actor: User, candidate: Candidate, data: dict[str, Any]) -> Candidate:
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.is_anonymised:
        raise ServiceError("This candidate's details have been removed")
    email, phone = contact_details(data.get("email"), data.get("phone"))
    clash = find_duplicate(email=email, phone=phone, exclude=candidate.pk)
    if clash is not None:
        raise ServiceError(
            f"{clash.reference} already has this e-mail address or phone number", field="email"
        )
    before = audit.snapshot(candidate, DETAIL_FIELDS)
    _apply_details(candidate, data)
    candidate.email, candidate.phone = email, phone
    candidate.in_pool = bool(data.get("in_pool"))
    candidate.save()
    common.touch(candidate)
    audit.record(
        actor=actor,
        action="talent.candidate_changed",
        obj=candidate,
        label=f"Candidate {candidate.reference}",
        changes=audit.diff(before, audit.snapshot(candidate, DETAIL_FIELDS), sensitive=PERSONAL),
    )
    return candidate


@transaction.atomic
def circumstances_save(
    *,
    actor: User,
    candidate: Candidate,
    cohorts: list[str],
    barriers: dict[str, str],
    resolved: dict[str, dt.date | None],
) -> None:
    """Cohort tags and barriers (``{kind: note}``), with the date each barrier was resolved."""
    before = {
        "cohorts": sorted(candidate.cohorts.values_list("cohort", flat=True)),
        "barriers": sorted(candidate.barriers.values_list("kind", flat=True)),
    }
    today = timezone.localdate()
    for kind, day in resolved.items():
        if day is not None and day > today:
            raise ServiceError(
                "A barrier cannot be resolved in the future", field=f"resolved_{kind}"
            )
    candidate.cohorts.exclude(cohort__in=cohorts).delete()
    for cohort in cohorts:
        CandidateCohort.objects.get_or_create(candidate=candidate, cohort=cohort)
    candidate.barriers.exclude(kind__in=list(barriers)).delete()
    for kind, note in barriers.items():
        Barrier.objects.update_or_create(
            candidate=candidate,
            kind=kind,
            defaults={"note": note.strip(), "resolved_on": resolved.get(kind)},
        )
    common.touch(candidate)
    after = {"cohorts": sorted(cohorts), "barriers": sorted(barriers)}
    audit.record(
        actor=actor,
        action="talent.circumstances_changed",
        obj=candidate,
        label=f"Candidate {candidate.reference}",
        changes=audit.diff(before, after, sensitive=("cohorts", "barriers")),
    )


@transaction.atomic
def equality_save(*, actor: User, candidate: Candidate, answers: dict[str, str]) -> Equality:
    for name, value in answers.items():
        allowed = {v for v, _ in EQUALITY_CHOICES[name]}
        if value and value not in allowed:
            raise ServiceError("Choose an answer from the list", field=name)
    record, _ = Equality.objects.get_or_create(candidate=candidate)
    before = audit.snapshot(record, EQUALITY_FIELDS)
    for name in EQUALITY_FIELDS:
        setattr(record, name, answers.get(name) or "")
    record.recorded_at = timezone.now()
    record.save()
    common.touch(candidate)
    audit.record(
        actor=actor,
        action="talent.equality_changed",
        obj=candidate,
        label=f"Candidate {candidate.reference}",
        changes=audit.diff(
            before, audit.snapshot(record, EQUALITY_FIELDS), sensitive=EQUALITY_FIELDS
        ),
    )
    return record


@transaction.atomic
def intervention_save(
    *,
    actor: User,
    candidate: Candidate,
    kind: str,
    organisation: Organisation,
    starts_on: dt.date | None,
    barrier: str = "",
    description: str = "",
    ends_on: dt.date | None = None,
    outcome: str = "planned",
    outcome_note: str = "",
    intervention: Intervention | None = None,
) -> Intervention:
    if starts_on is None:
        raise ServiceError("Enter the start date", field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise ServiceError("The end date must be on or after the start date", field="ends_on")
    target = intervention or Intervention(candidate=candidate, created_by=actor)
    values = {
        "kind": kind,
        "barrier": barrier or "",
        "organisation": organisation,
        "description": description.strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "outcome": outcome,
        "outcome_note": outcome_note.strip(),
    }
    for name, value in values.items():
        setattr(target, name, value)
    target.save()
    if outcome == "completed" and barrier and ends_on:
        Barrier.objects.filter(candidate=candidate, kind=barrier, resolved_on__isnull=True).update(
            resolved_on=min(ends_on, timezone.localdate())
        )
    common.touch(candidate)
    audit.record(
        actor=actor,
        action="talent.intervention_saved",
        obj=candidate,
        organisation=organisation,
        label=f"Candidate {candidate.reference}",
        changes={"intervention": target.pk, "kind": kind, "outcome": outcome},
    )
    return target


@transaction.atomic
def qualification_save(
    *,
    actor: User,
    candidate: Candidate,
    kind: str,
    status: str,
    title: str = "",
    provider: Organisation | None = None,
    started_on: dt.date | None = None,
    achieved_on: dt.date | None = None,
    completion: Completion | None = None,
    qualification: Qualification | None = None,
) -> Qualification:
    today = timezone.localdate()
    if status == QualificationStatus.ACHIEVED and achieved_on is None:
        raise ServiceError("Enter the date it was achieved", field="achieved_on")
    if achieved_on is not None and achieved_on > today:
        raise ServiceError("The date achieved cannot be in the future", field="achieved_on")
    if started_on and achieved_on and achieved_on < started_on:
        raise ServiceError("It cannot be achieved before it started", field="achieved_on")
    if (
        completion is not None
        and not selectors.completions_for(candidate).filter(pk=completion.pk).exists()
    ):
        raise ServiceError("Choose an entry from this person's learning record", field="completion")
    target = qualification or Qualification(candidate=candidate, created_by=actor)
    values = {
        "kind": kind,
        "status": status,
        "title": title.strip(),
        "provider": provider,
        "started_on": started_on,
        "achieved_on": achieved_on if status == QualificationStatus.ACHIEVED else None,
        "completion": completion,
    }
    for name, value in values.items():
        setattr(target, name, value)
    target.save()
    common.touch(candidate)
    audit.record(
        actor=actor,
        action="talent.qualification_saved",
        obj=candidate,
        label=f"Candidate {candidate.reference}",
        changes={"qualification": target.pk, "kind": kind, "status": status},
    )
    return target
